export { seedDemo, demoExists, generatePassword, DEMO_CONVERSATIONS, type SeedDemoOptions, type SeedDemoResult } from "./seed-demo.js";
export { DEMO_SLUG, DEMO_ADMIN_EMAIL, DEMO_DISTRICT } from "./organization.js";
export { DEMO_TOPICS, DEMO_CATEGORIES } from "./catalog/index.js";
