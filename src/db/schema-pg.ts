export * from "./schema-pg/audit.ts";
export * from "./schema-pg/catalog.ts";
export * from "./schema-pg/clarify.ts";
export * from "./schema-pg/conversation.ts";
export * from "./schema-pg/engine.ts";
export * from "./schema-pg/extensions.ts";
export * from "./schema-pg/leave.ts";
export * from "./schema-pg/people.ts";
