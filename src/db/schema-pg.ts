export * from "./schema-pg/api.ts";
export * from "./schema-pg/audit.ts";
export * from "./schema-pg/catalog.ts";
export * from "./schema-pg/conversation.ts";
export * from "./schema-pg/engine.ts";
export * from "./schema-pg/people.ts";
