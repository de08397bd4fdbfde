// A search field that searches as the person types (after a pause) or at once on Enter; the search
// itself lives in the URL, so Back and Forward change it from outside.
import { useEffect, useEffectEvent, useState, type FormEvent, type ReactNode } from "react";
import { useLocation } from "react-router";
import { TextField } from "./Field.tsx";

interface Props {
  value: string;
  onSearch: (search: string) => void;
  label: string;
  hint: ReactNode;
  id?: string;
  autoFocus?: boolean;
}

export function SearchBox({ value, onSearch, label, hint, id, autoFocus }: Props) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  const { pathname } = useLocation();
  // Back and Forward change the search from outside; follow them unless it is only our own trimming.
  if (value !== shown) {
    setShown(value);
    if (value !== text.trim()) setText(value);
  }

  function commit(next: string) {
    if (next !== value) onSearch(next);
  }
  // The pause can end after the person has followed a link, while the next screen's code loads and
  // this one is still drawn: the address has moved on, and the search must not take it back here.
  const commitLater = useEffectEvent((next: string) => {
    if (window.location.pathname === pathname) commit(next);
  });
  useEffect(() => {
    const timer = setTimeout(() => commitLater(text.trim()), 350);
    // Leaving the page within the pause (a reload, say) still keeps what was typed. Before unloading:
    // by the time the page hides, a reload has already taken the history entry as it was.
    const now = () => commitLater(text.trim());
    window.addEventListener("beforeunload", now);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("beforeunload", now);
    };
  }, [text]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    commit(text.trim());
  }

  return (
    <form role="search" className="search-box" onSubmit={onSubmit}>
      <TextField
        {...(id ? { id } : {})}
        label={label}
        hint={hint}
        type="search"
        autoComplete="off"
        spellCheck={false}
        maxLength={100}
        autoFocus={autoFocus}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </form>
  );
}
