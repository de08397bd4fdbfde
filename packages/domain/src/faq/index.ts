export * from "./content.ts";
export * from "./faq.ts";
