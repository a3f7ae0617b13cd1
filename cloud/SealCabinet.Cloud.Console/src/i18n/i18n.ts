// The language switch: zh-CN first, English on request, remembered on this device.
import { strings, type Key, type Language } from "./strings";

const storageKey = "sealcabinet.language";
export const languageEvent = "sc-language";

let current: Language | undefined;

export function language(): Language {
  current ??= globalThis.localStorage?.getItem(storageKey) === "en" ? "en" : "zh-CN";
  return current;
}

export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(storageKey, next);
  document.documentElement.lang = next;
  window.dispatchEvent(new CustomEvent(languageEvent));
}

/** The string for `key`, with {name} placeholders filled from `values`. */
export function t(key: Key, values: Record<string, string | number> = {}): string {
  return strings[language()][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
