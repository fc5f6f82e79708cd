export {
  ALERT_THRESHOLD,
  compileDistrictCategories,
  CRITICAL_THRESHOLD,
  detectAlerts,
  EVAL_LABEL,
  type Alert,
  type AlertDetection,
  type AlertEvidence,
  type AlertSeverity,
  type BuiltInAlertCategory,
  type DetectOptions,
  type DistrictAlertCategory,
} from "./detector.js";
