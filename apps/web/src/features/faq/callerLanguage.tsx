// Which language the caller on the line speaks, as far as the screen open now knows it: a lead's page
// or screening sets it, so the answers panel opens in that language. Elsewhere it is English.
import { createContext, use, useEffect, useState, type ReactNode } from "react";
import { scriptLanguageFor, type CallerLanguage, type ScriptLanguage } from "@intake/domain";

interface CallerLanguageState {
  language: ScriptLanguage;
  set: (language: ScriptLanguage) => void;
}

const CallerLanguageContext = createContext<CallerLanguageState>({ language: "en", set: () => {} });

export function CallerLanguageProvider({ children }: { children: ReactNode }) {
  const [language, set] = useState<ScriptLanguage>("en");
  return <CallerLanguageContext value={{ language, set }}>{children}</CallerLanguageContext>;
}

export function useCallerLanguage(): ScriptLanguage {
  return use(CallerLanguageContext).language;
}

/** Declares the caller's language while the calling screen is shown; English again when it goes. */
export function useDeclareCallerLanguage(language: CallerLanguage | null | undefined): void {
  const { set } = use(CallerLanguageContext);
  const script = scriptLanguageFor(language);
  useEffect(() => {
    set(script);
    return () => set("en");
  }, [set, script]);
}
