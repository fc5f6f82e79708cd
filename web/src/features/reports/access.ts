import type { Role } from "../../../../common/enums.js";

/** Who opens the Reports (the API's `reports.read`): admins, supervisors and viewers; agents and recorders do not. */
export const canReadReports = (role: Role | string): boolean => role === "admin" || role === "supervisor" || role === "viewer";

/** Who sees staff performance (`by=assignee`, the API's `reports.staff`): admins and supervisors. */
export const canReadStaffReports = (role: Role | string): boolean => role === "admin" || role === "supervisor";
