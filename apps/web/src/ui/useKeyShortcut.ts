// Single-key shortcuts for the whole page, ignored while someone is typing in a field.
import { useEffect, useEffectEvent } from "react";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * Calls `onPress` when `key` is pressed with no modifier outside any text field. A letter typed into
 * a field, or a key combined with Ctrl/Alt/Meta (the browser's own shortcuts), never triggers it.
 */
export function useKeyShortcut(key: string, onPress: () => void, enabled = true): void {
  // The latest handler is read at press time, so callers need not memoise it.
  const press = useEffectEvent(onPress);

  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.repeat || event.ctrlKey || event.altKey || event.metaKey) return;
      if (event.key.toLowerCase() !== key.toLowerCase() || isTyping(event.target)) return;
      event.preventDefault();
      press();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [key, enabled]);
}
