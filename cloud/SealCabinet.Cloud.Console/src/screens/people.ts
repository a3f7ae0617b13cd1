import { html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { organization, ProblemError } from "../api";
import { cardUidDigits, cardUidProblem } from "../cabinet-auth";
import { Role, SealKind } from "../gen/sealcabinet/v1/common_pb";
import type { Passkey, Person, RoleAssignment } from "../gen/sealcabinet/v1/organization_pb";
import { passkeyState, passkeyStateText, roleKey, roleText, sealKindKey, time } from "../format";
import { t } from "../i18n/i18n";
import { hex } from "../merkle";
import { endorsementPasskeyMessages, endorsementToSign } from "../passkey-endorsement";
import { passkeySignature } from "../passkey-prompt";
import { Screen } from "../screen";
import { shortHex, StatementMismatch } from "../signed-statement";
import { authenticationJson } from "../webauthn";

interface Invitation {
  personId: string;
  link: string;
  expires: string;
  qr: string;
}

/** An endorsement under way (or just made) in the open passkey panel: which passkey, and whether it becomes a root. */
interface Endorsing {
  credentialId: string;
  root: boolean;
  fingerprint: string;
  phase: "waiting" | "sending" | "done";
}

const roles = [Role.CUSTODIAN, Role.APPROVER, Role.SUPERVISOR, Role.TECHNICIAN, Role.ADMINISTRATOR];
const seals = [SealKind.PARTY, SealKind.COMMITTEE, SealKind.COOPERATIVE];

/**
 * Administrator: people and their scoped roles, whether each has set a cabinet PIN and has an access card, their card
 * registered, replaced or removed (the administrator must cover every role the person holds, as for invitations),
 * their passkeys listed with fingerprints and endorsed with the administrator's own passkey after comparing the
 * fingerprint with the person's phone, passkey invitations (link and QR code), the matter catalogue import.
 */
@customElement("sc-people")
export class People extends Screen {
  @state() private people: Person[] = [];
  @state() private invitation: Invitation | undefined;
  @state() private newRole = Role.CUSTODIAN;
  @state() private imported = "";
  // The person whose card form is open, what is typed there, the local check's message, and a removal tapped once.
  @state() private cardFor = "";
  @state() private cardUid = "";
  @state() private cardCheck = "";
  @state() private removing = false;
  // The person whose passkey panel is open (never at once with a card form), their passkeys as last listed
  // (undefined while they load), and the endorsement under way or just made there.
  @state() private passkeysFor = "";
  @state() private passkeys: Passkey[] | undefined;
  @state() private endorsing: Endorsing | undefined;
  // What the last card change or endorsement did, shown in that person's row.
  @state() private notice = "";
  @state() private noticeAt = "";
  // The person whose card or passkey call failed, where the failure is shown; none: the failure shows at the top.
  @state() private problemAt = "";

  protected override async refresh(): Promise<void> {
    this.problemAt = "";
    await this.run(async () => {
      this.people = (await organization.listPeople({ page: { pageSize: 500 } })).people;
    });
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const ok = await this.run(async () => {
      const personId = String(data.get("person-id")).trim();
      await organization.upsertPerson({ person: { personId, name: String(data.get("name")).trim(), phone: String(data.get("phone") ?? "").trim() } });
      const scope = String(data.get("scope")).trim();
      await organization.assignRole({
        personId,
        assignment: {
          role: this.newRole,
          sealKind: this.newRole === Role.APPROVER ? Number(data.get("seal")) : SealKind.UNSPECIFIED,
          villageId: data.get("scope-kind") === "village" ? scope : "",
          townId: data.get("scope-kind") === "town" ? scope : "",
        },
      });
    });
    if (ok) {
      form.reset();
      await this.refresh();
    }
  }

  private async revoke(person: Person, assignment: RoleAssignment): Promise<void> {
    this.problemAt = "";
    await this.run(async () => {
      this.replace((await organization.revokeRole({ personId: person.personId, assignment })).person!);
    });
  }

  /** Puts a changed person into the list; the answers of changes carry no passkey counts, so the listed ones are kept. */
  private replace(updated: Person): void {
    this.people = this.people.map((p) =>
      p.personId === updated.personId ? { ...updated, passkeyCount: p.passkeyCount, unendorsedPasskeyCount: p.unendorsedPasskeyCount } : p,
    );
  }

  private openCard(person: Person): void {
    this.cardFor = this.cardFor === person.personId ? "" : person.personId;
    this.passkeysFor = "";
    this.cardUid = "";
    this.cardCheck = "";
    this.removing = false;
    this.notice = "";
    this.problem = undefined;
    this.problemAt = "";
  }

  private async saveCard(event: Event, person: Person): Promise<void> {
    event.preventDefault();
    this.removing = false;
    const problem = cardUidProblem(this.cardUid);
    this.cardCheck = problem ? t(problem, { count: cardUidDigits(this.cardUid).length }) : "";
    if (problem) {
      return;
    }
    await this.setCard(person, this.cardUid.trim(), "people.cardSaved");
  }

  private async removeCard(person: Person): Promise<void> {
    this.cardCheck = "";
    if (!this.removing) {
      this.removing = true;
      return;
    }
    this.removing = false;
    await this.setCard(person, "", "people.cardRemoved");
  }

  private async setCard(person: Person, cardUid: string, done: "people.cardSaved" | "people.cardRemoved"): Promise<void> {
    this.problemAt = person.personId;
    const ok = await this.run(async () => {
      this.replace((await organization.setAccessCard({ personId: person.personId, cardUid })).person!);
    });
    if (ok) {
      this.notice = t(done, { name: person.name });
      this.noticeAt = person.personId;
      this.cardFor = "";
      this.cardUid = "";
      this.problemAt = "";
    }
  }

  private async openPasskeys(person: Person): Promise<void> {
    const open = this.passkeysFor !== person.personId;
    this.passkeysFor = open ? person.personId : "";
    this.cardFor = "";
    this.passkeys = undefined;
    this.endorsing = undefined;
    this.notice = "";
    this.problem = undefined;
    this.problemAt = person.personId;
    if (open) {
      await this.loadPasskeys(person);
    }
  }

  /** Lists the person's passkeys into the open panel, and their row's counts from the same answer. */
  private async loadPasskeys(person: Person): Promise<void> {
    await this.run(async () => {
      const listed = (await organization.listPasskeys({ personId: person.personId })).passkeys;
      this.people = this.people.map((p) =>
        p.personId === person.personId ? { ...p, passkeyCount: listed.length, unendorsedPasskeyCount: listed.filter((k) => !k.endorsedTime).length } : p,
      );
      if (this.passkeysFor === person.personId) {
        this.passkeys = listed;
      }
    });
  }

  /**
   * Endorses the person's passkey with the administrator's own, as the decision is signed on a request's page: the
   * service's statement must name this person, this passkey and the fingerprint shown, with the signed-in
   * administrator as endorser, and its challenge must be the statement's SHA-256, before the passkey is asked. A
   * prompt cancelled or refused, or a refusal by the service, changes nothing; either way the panel then shows what
   * the service holds.
   */
  private async endorse(person: Person, passkey: Passkey): Promise<void> {
    const me = this.session?.person?.personId;
    if (this.busy || !me) {
      return;
    }
    this.problemAt = person.personId;
    this.notice = "";
    const done = await this.run(async () => {
      this.endorsing = undefined;
      const begun = await organization.beginPasskeyEndorsement({ personId: person.personId, credentialId: passkey.credentialId });
      try {
        await endorsementToSign(begun.statement as Uint8Array<ArrayBuffer>, begun.optionsJson, {
          personId: person.personId,
          credentialId: passkey.credentialId,
          fingerprint: passkey.fingerprint,
          endorserId: me,
        });
      } catch (error) {
        if (error instanceof StatementMismatch) {
          throw new ProblemError({ key: "endorse.mismatch", detail: error.message, code: undefined });
        }
        throw error;
      }
      const endorsing: Endorsing = { credentialId: hex(passkey.credentialId), root: begun.root, fingerprint: passkey.fingerprint, phase: "waiting" };
      this.endorsing = endorsing;
      const credential = await passkeySignature(begun.optionsJson, endorsementPasskeyMessages);
      this.endorsing = { ...endorsing, phase: "sending" };
      await organization.endorsePasskey({ ceremonyId: begun.ceremonyId, credentialJson: authenticationJson(credential) });
      this.endorsing = { ...endorsing, phase: "done" };
    });
    const made = done ? this.endorsing : undefined;
    this.endorsing = made;
    const problem = this.problem;
    await this.loadPasskeys(person);
    if (made) {
      const fingerprint = shortHex(made.fingerprint);
      this.notice = made.root ? t("people.endorsedRoot", { fingerprint }) : t("people.endorsed", { name: person.name, fingerprint });
      this.noticeAt = person.personId;
    }
    if (!done) {
      this.problem = problem;
    }
  }

  private async invite(person: Person): Promise<void> {
    await this.run(async () => {
      const sent = await organization.invitePerson({ personId: person.personId, validHours: 72 });
      const link = location.origin + sent.enrolmentPath;
      const { toDataURL } = await import("qrcode");
      this.invitation = { personId: person.personId, link, expires: time(sent.expiresTime), qr: await toDataURL(link, { margin: 1, width: 220 }) };
    });
  }

  private async importMatters(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) {
      return;
    }
    await this.run(async () => {
      const result = await organization.importMatters({ csv: await file.text() });
      this.imported = t("people.imported", { inserted: result.inserted, updated: result.updated });
    });
    input.value = "";
  }

  private renderCardForm(p: Person) {
    const uidId = `card-uid-${p.personId}`;
    const described = `card-hint-${p.personId}` + (this.cardCheck ? ` card-check-${p.personId}` : "");
    return html`<form class="inline-form" id="card-form-${p.personId}" novalidate aria-label=${t("people.cardFor", { name: p.name })}
      @submit=${(e: Event) => this.saveCard(e, p)}>
      <label for=${uidId}>${t("people.cardUid")}</label>
      <input id=${uidId} data-testid="card-uid" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="64"
        aria-describedby=${described} aria-invalid=${this.cardCheck ? "true" : "false"} .value=${this.cardUid}
        @input=${(e: Event) => (this.cardUid = (e.target as HTMLInputElement).value)} />
      <p class="hint" id="card-hint-${p.personId}">${t("people.cardHint")}</p>
      ${this.cardCheck ? html`<p class="error" id="card-check-${p.personId}" role="alert" data-testid="card-error">${this.cardCheck}</p>` : nothing}
      ${this.problemAt === p.personId ? this.renderProblem() : nothing}
      <div class="actions inline">
        <button class="primary" type="submit" data-testid="card-save" ?disabled=${this.busy}>${t("people.cardSave")}</button>
        ${p.accessCardSet
          ? html`<button type="button" class="danger" data-testid=${this.removing ? "card-remove-confirm" : "card-remove"} ?disabled=${this.busy}
              @click=${() => this.removeCard(p)}>${this.removing ? t("people.cardRemoveConfirm", { name: p.name }) : t("people.cardRemove")}</button>`
          : nothing}
        <button type="button" data-testid="card-cancel" @click=${() => this.openCard(p)}>${t("app.close")}</button>
      </div>
    </form>`;
  }

  /** A root endorsement: what it makes of the passkey, and the full fingerprint supervisors pin. */
  private renderRootEndorsement(e: Endorsing) {
    return html`<div class="signing" data-testid="endorse-root" data-phase=${e.phase}>
      <p>${t("people.endorseRoot")}</p>
      <p class="hash" data-testid="root-fingerprint">${e.fingerprint}</p>
    </div>`;
  }

  private renderPasskeys(p: Person) {
    const e = this.endorsing;
    const listed = this.passkeys;
    const hintId = `endorse-hint-${p.personId}`;
    const phase = e && e.phase !== "done" ? e.phase : "";
    return html`<section class="inline-form" id="passkeys-${p.personId}" data-testid="passkeys-panel" aria-labelledby="passkeys-title-${p.personId}">
      <h2 id="passkeys-title-${p.personId}">${t("people.passkeysFor", { name: p.name })}</h2>
      ${listed === undefined
        ? this.problem
          ? nothing
          : html`<p>${t("app.loading")}</p>`
        : listed.length === 0
          ? html`<p>${t("people.passkeysNone", { name: p.name })}</p>`
          : html`${listed.some((k) => !k.endorsedTime) ? html`<p class="hint" id=${hintId}>${t("people.endorseHint", { name: p.name })}</p>` : nothing}
              <ul class="passkeys">
                ${listed.map((k) => {
                  const id = hex(k.credentialId);
                  const standing = passkeyState(k);
                  return html`<li data-testid="passkey" data-credential-id=${id} data-state=${standing}>
                    <dl class="passkey-facts">
                      <dt>${t("passkeys.fingerprint")}</dt>
                      <dd class="fingerprint" id="fingerprint-${id}" data-testid="passkey-fingerprint">${shortHex(k.fingerprint)}</dd>
                      <dt>${t("passkeys.state")}</dt>
                      <dd><span class="chip wrap ${standing === "awaiting" ? "warn" : "good"}" data-testid="passkey-state" data-state=${standing}>${passkeyStateText(k)}</span></dd>
                    </dl>
                    <p class="row-sub">${t("passkeys.registered", { time: time(k.registeredTime) })}</p>
                    ${e?.credentialId === id && e.root ? this.renderRootEndorsement(e) : nothing}
                    ${standing === "awaiting"
                      ? html`<button class="primary" data-testid="endorse" aria-describedby="fingerprint-${id} ${hintId}" ?disabled=${this.busy}
                          @click=${() => this.endorse(p, k)}>${t("people.endorse")}</button>`
                      : nothing}
                  </li>`;
                })}
              </ul>`}
      <p class="signing-status" role="status" data-testid="endorse-status" data-phase=${phase || "idle"}>${phase ? t(phase === "waiting" ? "sign.waiting" : "sign.sending") : ""}</p>
      ${this.problemAt === p.personId ? this.renderProblem() : nothing}
      <div class="actions inline">
        <button type="button" data-testid="passkeys-close" @click=${() => this.openPasskeys(p)}>${t("app.close")}</button>
      </div>
    </section>`;
  }

  override render() {
    return html`<section class="card">
      <h1>${t("people.title")}</h1>
      ${this.problemAt ? nothing : this.renderProblem()}
      ${this.invitation
        ? html`<section class="invitation" data-testid="invitation" aria-live="polite">
            <h2>${t("people.invitationFor", { id: this.invitation.personId })}</h2>
            <img src=${this.invitation.qr} alt=${t("people.qr")} width="220" height="220" />
            <p><input readonly aria-label=${t("people.link")} data-testid="invite-link" .value=${this.invitation.link} /></p>
            <button @click=${() => navigator.clipboard?.writeText(this.invitation!.link)}>${t("people.copy")}</button>
            <p class="hint">${t("people.expires", { time: this.invitation.expires })}</p>
          </section>`
        : nothing}
      <ul class="rows">
        ${this.people.map(
          (p) => html`<li data-testid="person-row" data-person-id=${p.personId}>
            <p class="row-main">${p.name} · ${p.personId}</p>
            <p class="row-sub">
              ${t("people.passkeys", { count: p.passkeyCount })}
              <span class="chip ${p.cabinetPinSet ? "good" : ""}" data-testid="pin-set" data-set=${String(p.cabinetPinSet)}>${t(p.cabinetPinSet ? "people.pinSet" : "people.pinNotSet")}</span>
              <span class="chip ${p.accessCardSet ? "good" : ""}" data-testid="card-set" data-set=${String(p.accessCardSet)}>${t(p.accessCardSet ? "people.cardSet" : "people.cardNotSet")}</span>
              ${p.unendorsedPasskeyCount > 0
                ? html`<span class="chip warn" data-testid="passkeys-awaiting" data-count=${p.unendorsedPasskeyCount}>${t("people.passkeysAwaiting", { count: p.unendorsedPasskeyCount })}</span>`
                : nothing}
            </p>
            <ul class="roles">
              ${p.roles.map((r) => html`<li>${roleText(r)} <button class="link" @click=${() => this.revoke(p, r)} aria-label=${t("people.revokeLabel", { role: roleText(r) })}>${t("people.revoke")}</button></li>`)}
            </ul>
            <div class="actions inline">
              <button data-testid="invite" ?disabled=${this.busy} @click=${() => this.invite(p)}>${t("people.invite")}</button>
              <button data-testid="card" aria-expanded=${String(this.cardFor === p.personId)} aria-controls=${this.cardFor === p.personId ? `card-form-${p.personId}` : nothing} @click=${() => this.openCard(p)}>
                ${t(p.accessCardSet ? "people.cardReplace" : "people.card")}
              </button>
              <button data-testid="passkeys" aria-expanded=${String(this.passkeysFor === p.personId)}
                aria-controls=${this.passkeysFor === p.personId ? `passkeys-${p.personId}` : nothing} ?disabled=${this.busy} @click=${() => this.openPasskeys(p)}>
                ${t("people.passkeysButton")}
              </button>
            </div>
            ${this.cardFor === p.personId ? this.renderCardForm(p) : nothing}
            ${this.passkeysFor === p.personId ? this.renderPasskeys(p) : nothing}
            ${this.problemAt === p.personId && this.cardFor !== p.personId && this.passkeysFor !== p.personId ? this.renderProblem() : nothing}
            ${this.notice && this.noticeAt === p.personId ? html`<p class="notice" role="status" data-testid="notice">${this.notice}</p>` : nothing}
          </li>`,
        )}
      </ul>
      <h2>${t("people.add")}</h2>
      <form @submit=${(e: Event) => this.create(e)}>
        <label>${t("people.id")}<input name="person-id" required maxlength="128" autocomplete="off" /></label>
        <label>${t("people.name")}<input name="name" required maxlength="100" /></label>
        <label>${t("people.phone")}<input name="phone" type="tel" maxlength="32" /></label>
        <label>${t("people.role")}<select name="role" @change=${(e: Event) => (this.newRole = Number((e.target as HTMLSelectElement).value))}>
          ${roles.map((r) => html`<option value=${r} ?selected=${r === this.newRole}>${t(roleKey(r))}</option>`)}</select></label>
        ${this.newRole === Role.APPROVER
          ? html`<label>${t("field.sealKind")}<select name="seal">${seals.map((s) => html`<option value=${s}>${t(sealKindKey(s))}</option>`)}</select></label>`
          : nothing}
        <label>${t("people.scopeKind")}<select name="scope-kind">
          <option value="village">${t("people.village")}</option><option value="town">${t("people.town")}</option><option value="global">${t("scope.global")}</option></select></label>
        <label>${t("people.scopeId")}<input name="scope" autocomplete="off" /></label>
        <button class="primary" type="submit" ?disabled=${this.busy}>${t("people.save")}</button>
      </form>
      <h2>${t("people.matters")}</h2>
      <label>${t("people.mattersFile")}<input type="file" accept=".csv,text/csv" @change=${(e: Event) => this.importMatters(e.target as HTMLInputElement)} /></label>
      ${this.imported ? html`<p class="ok" role="status">${this.imported}</p>` : nothing}
    </section>`;
  }
}
