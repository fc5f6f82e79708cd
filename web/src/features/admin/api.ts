import type {
  AlertCategory,
  Availability,
  AvailabilityBody,
  DepartmentRouting,
  DistrictSettings,
  DistrictSettingsBody,
  RoutingModel,
  SlaPolicy,
  SlaPolicyBody,
} from "../../../../common/contract/operations.js";
import type { AssignmentPolicyType, RoutingRule, RoutingRuleInputBody, TryRoutingRequest, TryRoutingResponse } from "../../../../common/contract/routing.js";
import { api } from "../../lib/http.js";

/**
 * The settings API of issue 4 (routing rules, assignment, service standards, critical alerts), typed by the shared
 * contracts in common/contract/routing.ts and common/contract/operations.ts.
 */
type Items<T> = { items: T[] };
const id = (s: string) => encodeURIComponent(s);

export type AlertCategoryCreateBody = {
  key: string;
  name: { en: string; es?: string };
  phrases: string[];
  severity: "critical" | "high";
  enabled: boolean;
  responderIds: string[];
};
export type AlertCategoryUpdateBody = Partial<Omit<AlertCategoryCreateBody, "key">>;
export type DepartmentRoutingBody = { assignmentPolicy?: AssignmentPolicyType; ownerStaffId?: string | null };

export const fetchRules = (signal?: AbortSignal) => api.get<Items<RoutingRule>>("/api/routing/rules", undefined, signal);
export const createRule = (body: RoutingRuleInputBody) => api.post<RoutingRule>("/api/routing/rules", body);
export const updateRule = (ruleId: string, body: RoutingRuleInputBody) => api.put<RoutingRule>(`/api/routing/rules/${id(ruleId)}`, body);
export const deleteRule = (ruleId: string) => api.delete(`/api/routing/rules/${id(ruleId)}`);
export const moveRule = (ruleId: string, position: number) => api.post<Items<RoutingRule>>(`/api/routing/rules/${id(ruleId)}/move`, { position });
export const tryRouting = (body: TryRoutingRequest) => api.post<TryRoutingResponse>("/api/routing/try", body);

export const fetchModel = (signal?: AbortSignal) => api.get<RoutingModel>("/api/routing/model", undefined, signal);
export const trainModel = () => api.post<RoutingModel>("/api/routing/model/train");

export const fetchDepartments = (signal?: AbortSignal) => api.get<Items<DepartmentRouting>>("/api/routing/departments", undefined, signal);
export const updateDepartment = (departmentId: string, body: DepartmentRoutingBody) => api.patch<DepartmentRouting>(`/api/routing/departments/${id(departmentId)}`, body);

export const fetchDistrictSettings = (signal?: AbortSignal) => api.get<DistrictSettings>("/api/settings/district", undefined, signal);
export const updateDistrictSettings = (body: DistrictSettingsBody) => api.patch<DistrictSettings>("/api/settings/district", body);

export const fetchAvailability = (signal?: AbortSignal) => api.get<Items<Availability>>("/api/staff/availability", undefined, signal);
export const updateAvailability = (staffId: string, body: AvailabilityBody) => api.patch<Availability>(`/api/staff/${id(staffId)}/availability`, body);

export const fetchSlaPolicies = (signal?: AbortSignal) => api.get<Items<SlaPolicy>>("/api/sla/policies", undefined, signal);
export const createSlaPolicy = (body: SlaPolicyBody) => api.post<SlaPolicy>("/api/sla/policies", body);
export const updateSlaPolicy = (policyId: string, body: SlaPolicyBody) => api.put<SlaPolicy>(`/api/sla/policies/${id(policyId)}`, body);
export const deleteSlaPolicy = (policyId: string) => api.delete(`/api/sla/policies/${id(policyId)}`);

export const fetchAlertCategories = (signal?: AbortSignal) => api.get<Items<AlertCategory>>("/api/alerts/categories", undefined, signal);
export const createAlertCategory = (body: AlertCategoryCreateBody) => api.post<AlertCategory>("/api/alerts/categories", body);
export const updateAlertCategory = (categoryId: string, body: AlertCategoryUpdateBody) => api.patch<AlertCategory>(`/api/alerts/categories/${id(categoryId)}`, body);
