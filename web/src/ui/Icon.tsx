const PATHS = {
  alert: "M12 3 2 21h20L12 3Zm0 6v5m0 3v.01",
  arrowUp: "M12 19V5m-6 6 6-6 6 6",
  lock: "M7 11V8a5 5 0 0 1 10 0v3M5 11h14v10H5z",
  back: "M15 18l-6-6 6-6",
  inbox: "M3 13h5l2 3h4l2-3h5M5 5h14l2 8v6H3v-6z",
  check: "M5 12l5 5 9-10",
  clock: "M12 7v5l3 2M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Z",
  x: "M6 6l12 12M18 6 6 18",
  paperclip: "M8 12l6-6a3 3 0 0 1 4 4l-8 8a5 5 0 0 1-7-7l7-7",
  filter: "M4 5h16l-6 8v5l-4 2v-7z",
  search: "M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14Zm5 12 4 4",
  dot: "M12 10a2 2 0 1 0 0 4 2 2 0 0 0 0-4Z",
  bell: "M6 16V11a6 6 0 0 1 12 0v5l2 2H4l2-2Zm4 4a2 2 0 0 0 4 0",
  eye: "M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12Zm10-3a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z",
  pencil: "M4 20h4L19 9l-4-4L4 16v4Zm9-13 4 4",
  pause: "M9 6v12M15 6v12",
  group: "M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-6 9a6 6 0 0 1 12 0m2-9a3 3 0 1 0 0-6m2 15a6 6 0 0 0-3-5",
} as const;

export type IconName = keyof typeof PATHS;

/** A decorative stroke icon; meaning is always carried by text next to it. */
export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={["icon", className].filter(Boolean).join(" ")}
      viewBox="0 0 24 24"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
