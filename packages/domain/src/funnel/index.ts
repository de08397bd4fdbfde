// The funnel: stages and arithmetic, what one lead contributes, and the inputs and output shape.
export * from "./funnel.ts";
export * from "./measures.ts";
export * from "./input.ts";
