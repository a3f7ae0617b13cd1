// Names and facts the screens show, from the contract's enums and the signed-in person's roles.
import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import { RequestState } from "./gen/sealcabinet/v1/requests_pb";
import { Role, SealKind } from "./gen/sealcabinet/v1/common_pb";
import type { Passkey, Person, RoleAssignment } from "./gen/sealcabinet/v1/organization_pb";
import type { Key } from "./i18n/strings";
import { language, t } from "./i18n/i18n";

export function sealKindKey(kind: SealKind): Key {
  switch (kind) {
    case SealKind.PARTY:
      return "seal.party";
    case SealKind.COMMITTEE:
      return "seal.committee";
    case SealKind.COOPERATIVE:
      return "seal.cooperative";
    default:
      return "seal.unknown";
  }
}

export function stateKey(state: RequestState): Key {
  switch (state) {
    case RequestState.SUBMITTED:
      return "state.submitted";
    case RequestState.APPROVED:
      return "state.approved";
    case RequestState.REJECTED:
      return "state.rejected";
    case RequestState.CANCELLED:
      return "state.cancelled";
    case RequestState.GRANT_DELIVERED:
      return "state.atCabinet";
    case RequestState.IN_USE:
      return "state.inUse";
    case RequestState.COMPLETED:
      return "state.completed";
    case RequestState.EXPIRED:
      return "state.expired";
    case RequestState.REFUSED:
      return "state.refused";
    default:
      return "state.unknown";
  }
}

/** The proto enum name, e.g. REQUEST_STATE_COMPLETED: stable across languages, for tests and styling. */
export function stateName(state: RequestState): string {
  return "REQUEST_STATE_" + (RequestState[state] ?? "UNSPECIFIED");
}

export function roleKey(role: Role): Key {
  switch (role) {
    case Role.CUSTODIAN:
      return "role.custodian";
    case Role.APPROVER:
      return "role.approver";
    case Role.SUPERVISOR:
      return "role.supervisor";
    case Role.TECHNICIAN:
      return "role.technician";
    case Role.ADMINISTRATOR:
      return "role.administrator";
    default:
      return "role.unknown";
  }
}

export function scopeText(r: RoleAssignment): string {
  return r.villageId ? t("scope.village", { id: r.villageId }) : r.townId ? t("scope.town", { id: r.townId }) : t("scope.global");
}

export function roleText(r: RoleAssignment): string {
  const seal = r.role === Role.APPROVER ? ` · ${t(sealKindKey(r.sealKind))}` : "";
  return `${t(roleKey(r.role))}${seal} · ${scopeText(r)}`;
}

export function hasRole(person: Person | undefined, role: Role): boolean {
  return !!person?.roles.some((r) => r.role === role);
}

/** Villages where the person holds the role with a village scope, in order, without repeats. */
export function villagesOf(person: Person | undefined, role: Role): string[] {
  return [...new Set((person?.roles ?? []).filter((r) => r.role === role && r.villageId).map((r) => r.villageId))];
}

/** Seal kinds the person approves in the village (or its town, or everywhere). */
export function approvesIn(person: Person | undefined, villageId: string, townOf: (village: string) => string | undefined): SealKind[] {
  return (person?.roles ?? [])
    .filter((r) => r.role === Role.APPROVER && (r.villageId === villageId || (!!r.townId && r.townId === townOf(villageId)) || (!r.villageId && !r.townId)))
    .map((r) => r.sealKind);
}

export function time(ts: Timestamp | undefined): string {
  if (!ts) {
    return "—";
  }
  return timestampDate(ts).toLocaleString(language(), { dateStyle: "short", timeStyle: "short" });
}

/** A passkey's standing, stable across languages (tests, styling): awaiting endorsement, endorsed, or a root that endorsed itself. */
export function passkeyState(p: Passkey): "awaiting" | "endorsed" | "root" {
  return p.root ? "root" : p.endorsedTime ? "endorsed" : "awaiting";
}

/** A passkey's standing in words: who endorsed it and when, or that it awaits an administrator's endorsement. */
export function passkeyStateText(p: Passkey): string {
  switch (passkeyState(p)) {
    case "root":
      return t("passkey.root", { time: time(p.endorsedTime) });
    case "endorsed":
      return t("passkey.endorsed", { who: p.endorsedBy, time: time(p.endorsedTime) });
    default:
      return t("passkey.awaiting");
  }
}

export function kilobytes(size: number | bigint): string {
  return `${Math.max(1, Math.round(Number(size) / 1024))} KB`;
}

/** CSV with a header row, quoted where needed, UTF-8 with BOM so spreadsheet programs read Chinese correctly. */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return "\uFEFF" + [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** An object URL for bytes from a response (revoke it when the screen goes). */
export function blobUrl(bytes: Uint8Array, type: string): string {
  return URL.createObjectURL(new Blob([bytes.slice()], { type }));
}

/** Hands the browser a file to save, under `name`. */
export function saveFile(url: string, name: string): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
