import { html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { organization } from "../api";
import { Role, SealKind } from "../gen/sealcabinet/v1/common_pb";
import type { Person, RoleAssignment } from "../gen/sealcabinet/v1/organization_pb";
import { roleKey, roleText, sealKindKey, time } from "../format";
import { t } from "../i18n/i18n";
import { Screen } from "../screen";

interface Invitation {
  personId: string;
  link: string;
  expires: string;
  qr: string;
}

const roles = [Role.CUSTODIAN, Role.APPROVER, Role.SUPERVISOR, Role.TECHNICIAN, Role.ADMINISTRATOR];
const seals = [SealKind.PARTY, SealKind.COMMITTEE, SealKind.COOPERATIVE];

/** Administrator: people and their scoped roles, passkey invitations (link and QR code), the matter catalogue import. */
@customElement("sc-people")
export class People extends Screen {
  @state() private people: Person[] = [];
  @state() private invitation: Invitation | undefined;
  @state() private newRole = Role.CUSTODIAN;
  @state() private imported = "";

  protected override async refresh(): Promise<void> {
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
    await this.run(async () => {
      const updated = (await organization.revokeRole({ personId: person.personId, assignment })).person!;
      this.people = this.people.map((p) => (p.personId === updated.personId ? updated : p));
    });
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

  override render() {
    return html`<section class="card">
      <h1>${t("people.title")}</h1>
      ${this.renderProblem()}
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
            <p class="row-sub">${t("people.passkeys", { count: p.passkeyCount })}</p>
            <ul class="roles">
              ${p.roles.map((r) => html`<li>${roleText(r)} <button class="link" @click=${() => this.revoke(p, r)} aria-label=${t("people.revokeLabel", { role: roleText(r) })}>${t("people.revoke")}</button></li>`)}
            </ul>
            <button data-testid="invite" ?disabled=${this.busy} @click=${() => this.invite(p)}>${t("people.invite")}</button>
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
