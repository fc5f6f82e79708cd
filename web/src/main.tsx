import "./lib/zodSetup.js";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createAppRouter } from "./app/router.js";
import { isUnauthenticated } from "./lib/http.js";
import { initI18n } from "./lib/i18n/i18n.js";
import { sessionKey } from "./lib/session.js";
import "./app/styles.css";

initI18n();

// A 401 on any call means the session ended (expired, signed out elsewhere); the signed-in
// layout sees the empty session and goes to sign-in, keeping the page to come back to.
const onError = (error: unknown) => {
  if (isUnauthenticated(error)) queryClient.setQueryData(sessionKey, null);
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: { staleTime: 15_000, refetchOnWindowFocus: true, retry: (count, err) => !isUnauthenticated(err) && count < 2 },
  },
});
const router = createAppRouter(queryClient);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
