// The scheduling module: appointments, the pre-treatment checklist, the treatment course, clinic time.
export * from "./appointment.ts";
export * from "./checklist.ts";
export * from "./course.ts";
export * from "./queue.ts";
export * from "./ics.ts";
export * from "./clinicTime.ts";
