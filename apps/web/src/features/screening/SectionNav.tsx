// The sticky list of the six sections with answered/total for each: where the call is, and what is left.
import { useEffect, useRef } from "react";
import type { SectionProgress } from "@intake/domain";
import { sectionDomId } from "./draft.ts";

interface SectionNavProps {
  progress: readonly SectionProgress[];
  /** The section the keyboard is in now. */
  current: string | null;
  onGo: (sectionId: string) => void;
}

/**
 * On a phone the list is one row that scrolls sideways (screening.css). Scrolls the row, and only
 * the row, so a link is wholly in view: the browser's own focus scrolling leaves a half-shown link
 * as it is, and scrollIntoView would move the page as well.
 */
function showInRow(list: HTMLElement, link: HTMLElement): void {
  if (list.scrollWidth <= list.clientWidth) return;
  const row = list.getBoundingClientRect();
  const box = link.getBoundingClientRect();
  const margin = 24;
  if (box.left < row.left) list.scrollLeft -= row.left - box.left + margin;
  else if (box.right > row.right) list.scrollLeft += box.right - row.right + margin;
}

export function SectionNav({ progress, current, onGo }: SectionNavProps) {
  const listRef = useRef<HTMLOListElement>(null);

  // The section being asked comes into the row's view as the coordinator moves through the form.
  useEffect(() => {
    const list = listRef.current;
    const link = list?.querySelector<HTMLElement>('[aria-current="location"]');
    if (list && link) showInRow(list, link);
  }, [current]);

  return (
    <nav className="section-nav" aria-label="Screening sections">
      <ol ref={listRef}>
        {progress.map((section, index) => {
          const done = section.total > 0 && section.answered === section.total;
          return (
            <li key={section.id}>
              <a
                href={`#${sectionDomId(section.id)}`}
                className={done ? "section-link section-done" : "section-link"}
                aria-current={current === section.id ? "location" : undefined}
                onFocus={(event) => {
                  if (listRef.current) showInRow(listRef.current, event.currentTarget);
                }}
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
