// The sticky list of the six sections with answered/total for each: where the call is, and what is left.
import type { SectionProgress } from "@intake/domain";
import { sectionDomId } from "./draft.ts";

interface SectionNavProps {
  progress: readonly SectionProgress[];
  /** The section the keyboard is in now. */
  current: string | null;
  onGo: (sectionId: string) => void;
}

export function SectionNav({ progress, current, onGo }: SectionNavProps) {
  return (
    <nav className="section-nav" aria-label="Screening sections">
      <ol>
        {progress.map((section, index) => {
          const done = section.total > 0 && section.answered === section.total;
          return (
            <li key={section.id}>
              <a
                href={`#${sectionDomId(section.id)}`}
                className={done ? "section-link section-done" : "section-link"}
                aria-current={current === section.id ? "location" : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  onGo(section.id);
                }}
              >
                <span className="section-link-title">
                  {index + 1}. {section.title}
                </span>
                <span className="section-link-count" aria-hidden="true">
                  {done ? "✓ " : ""}
                  {section.answered}/{section.total}
                </span>
                <span className="visually-hidden">
                  , {section.answered} of {section.total} answered
                </span>
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
