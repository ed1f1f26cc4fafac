export * from "./schema/audit.ts";
export * from "./schema/catalog.ts";
export * from "./schema/clarify.ts";
export * from "./schema/conversation.ts";
export * from "./schema/engine.ts";
export * from "./schema/extensions.ts";
export * from "./schema/leave.ts";
export * from "./schema/people.ts";
