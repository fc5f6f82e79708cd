export * from "./classifier/index.js";
export { evaluateRules, describeCondition, type RoutingFacts, type RuleOutcome, type RuleAssignment } from "./rules/engine.js";
export { pickAssignee, ineligibility, isOutOfOffice, type Candidate, type PickInput, type PickResult } from "./rules/assignment.js";
export { summarize, type RoutingNames } from "./rules/explain.js";
export { listRules, createRule, updateRule, deleteRule, moveRule, ruleFromRow } from "./rules-store.js";
export { decideRouting, labelFor, type RouteInput, type RoutingResult } from "./decide.js";
export { loadDistrictModel, trainDistrictModel, learnReassignment, routingHistory, routingModelStatus, MIN_TRAINING_EXAMPLES } from "./model-store.js";
