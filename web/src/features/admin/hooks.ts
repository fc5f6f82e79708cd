import { queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { RoutingRule } from "../../../../common/contract/routing.js";
import { useSession } from "../../lib/session.js";
import * as adminApi from "./api.js";

/** Query keys of the settings screens; every write refetches the lists it changed. */
export const adminKeys = {
  all: ["admin"] as const,
  rules: ["admin", "rules"] as const,
  model: ["admin", "model"] as const,
  departments: ["admin", "departments"] as const,
  district: ["admin", "district"] as const,
  availability: ["admin", "availability"] as const,
  slaPolicies: ["admin", "sla-policies"] as const,
  alertCategories: ["admin", "alert-categories"] as const,
};

export const rulesQuery = queryOptions({ queryKey: adminKeys.rules, queryFn: ({ signal }) => adminApi.fetchRules(signal).then((r) => r.items) });
export const modelQuery = queryOptions({ queryKey: adminKeys.model, queryFn: ({ signal }) => adminApi.fetchModel(signal) });
export const departmentsQuery = queryOptions({ queryKey: adminKeys.departments, queryFn: ({ signal }) => adminApi.fetchDepartments(signal).then((r) => r.items) });
export const districtQuery = queryOptions({ queryKey: adminKeys.district, queryFn: ({ signal }) => adminApi.fetchDistrictSettings(signal) });
export const availabilityQuery = queryOptions({ queryKey: adminKeys.availability, queryFn: ({ signal }) => adminApi.fetchAvailability(signal).then((r) => r.items) });
export const slaPoliciesQuery = queryOptions({ queryKey: adminKeys.slaPolicies, queryFn: ({ signal }) => adminApi.fetchSlaPolicies(signal).then((r) => r.items) });
export const alertCategoriesQuery = queryOptions({
  queryKey: adminKeys.alertCategories,
  queryFn: ({ signal }) => adminApi.fetchAlertCategories(signal).then((r) => r.items),
});

export const useRules = () => useQuery(rulesQuery);
export const useRoutingModel = () => useQuery(modelQuery);
export const useDepartmentRouting = () => useQuery(departmentsQuery);
export const useDistrictSettings = () => useQuery(districtQuery);
export const useAvailability = () => useQuery(availabilityQuery);
export const useSlaPolicies = () => useQuery(slaPoliciesQuery);
export const useAlertCategories = () => useQuery(alertCategoriesQuery);

/** What the signed-in person may do here: admins manage everything, supervisors read and manage availability. */
export function useSettingsAbilities(): { manage: boolean; manageAvailability: boolean } {
  const { role } = useSession().staff;
  return { manage: role === "admin", manageAvailability: role === "admin" || role === "supervisor" };
}

/** A write that, once the server answers, refetches the given lists (no optimistic updates, as elsewhere). */
export function useAdminMutation<TVars, TResult>(call: (vars: TVars) => Promise<TResult>, invalidate: QueryKey[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async () => {
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

/** Moving a rule answers with the whole new order: put it in the cache at once. */
export function useMoveRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ruleId, position }: { ruleId: string; position: number }) => adminApi.moveRule(ruleId, position),
    onSuccess: (res) => queryClient.setQueryData<RoutingRule[]>(adminKeys.rules, res.items),
  });
}
