export * from "./schema/api.ts";
export * from "./schema/audit.ts";
export * from "./schema/catalog.ts";
export * from "./schema/conversation.ts";
export * from "./schema/engine.ts";
export * from "./schema/people.ts";
