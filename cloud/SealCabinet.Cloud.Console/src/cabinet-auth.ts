// Client-side rules for authentication at the cabinet (docs/cloud.md, "Cabinet PINs and cards"). They only spare a slow
// phone line a call that cannot succeed; the service's rules are the authority (it also refuses a repeated digit or a
// run like 1234, and says why).
import { CabinetAuthPolicy } from "./gen/sealcabinet/v1/common_pb";
import type { Key } from "./i18n/strings";

/** Why a new PIN and its confirmation cannot be sent, or undefined when they can: 4 to 8 digits, typed twice alike. */
export function pinProblem(pin: string, confirmation: string): "pin.format" | "pin.mismatch" | undefined {
  if (!/^[0-9]{4,8}$/.test(pin)) {
    return "pin.format";
  }
  return pin === confirmation ? undefined : "pin.mismatch";
}

/** The hexadecimal digits of a card UID as typed, upper case, without the spaces, ':' and '-' the service ignores. */
export function cardUidDigits(text: string): string {
  return text.replace(/[\s:-]/g, "").toUpperCase();
}

/** Why a typed card UID cannot be registered (ISO/IEC 14443: 4, 7 or 10 bytes in hex), or undefined when it can. */
export function cardUidProblem(text: string): "card.empty" | "card.hex" | "card.length" | undefined {
  const digits = cardUidDigits(text);
  if (digits.length === 0) {
    return "card.empty";
  }
  if (!/^[0-9A-F]+$/.test(digits)) {
    return "card.hex";
  }
  return [8, 14, 20].includes(digits.length) ? undefined : "card.length";
}

/** The policies an administrator may choose, in the order the console offers them. */
export const cabinetAuthPolicies = [
  CabinetAuthPolicy.PIN,
  CabinetAuthPolicy.CARD,
  CabinetAuthPolicy.PIN_OR_CARD,
  CabinetAuthPolicy.PIN_AND_CARD,
] as const;

/** The policy in force: an unset policy is the PIN (organization.proto). */
export function effectivePolicy(policy: CabinetAuthPolicy): CabinetAuthPolicy {
  return policy === CabinetAuthPolicy.UNSPECIFIED ? CabinetAuthPolicy.PIN : policy;
}

export function policyKey(policy: CabinetAuthPolicy): Key {
  switch (effectivePolicy(policy)) {
    case CabinetAuthPolicy.CARD:
      return "policy.card";
    case CabinetAuthPolicy.PIN_OR_CARD:
      return "policy.pinOrCard";
    case CabinetAuthPolicy.PIN_AND_CARD:
      return "policy.pinAndCard";
    default:
      return "policy.pin";
  }
}

/**
 * Whether a cabinet holds its village's custodian roster: "current" when the version it last reported is the village's,
 * "behind" when older (or none yet: 0), "unknown" when the village's version is not known here.
 */
export function rosterState(cabinetVersion: bigint, villageVersion: bigint | undefined): "current" | "behind" | "unknown" {
  if (villageVersion === undefined) {
    return "unknown";
  }
  return cabinetVersion >= villageVersion ? "current" : "behind";
}
