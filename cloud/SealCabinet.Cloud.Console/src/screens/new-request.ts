import { html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { organization, requests } from "../api";
import { Role, SealKind } from "../gen/sealcabinet/v1/common_pb";
import type { Matter } from "../gen/sealcabinet/v1/organization_pb";
import { kilobytes, sealKindKey, villagesOf } from "../format";
import { t } from "../i18n/i18n";
import { materialProblem, maxMaterialBytes, maxRequestBytes } from "../materials";
import { Screen } from "../screen";

interface Picked {
  file: File;
  preview: string | undefined;
}

/** Custodian: a new seal-use request with its materials, photographed on the phone or picked from files. */
@customElement("sc-new-request")
export class NewRequest extends Screen {
  @state() private matters: Matter[] = [];
  @state() private search = "";
  @state() private matterCode = "";
  @state() private sealKind = SealKind.UNSPECIFIED;
  // The village picked; none picked means the first the session's custodian roles name (known only once it arrived).
  @state() private pickedVillage = "";
  @state() private picked: Picked[] = [];
  @state() private fileProblem = "";
  // One key per filled-in form: a retry after a lost connection returns the request already filed, not a second one.
  private idempotencyKey = crypto.randomUUID();

  protected override async refresh(): Promise<void> {
    if (this.matters.length > 0) {
      return;
    }
    await this.run(async () => {
      this.matters = (await organization.listMatters({ page: { pageSize: 500 } })).matters;
    });
  }

  override disconnectedCallback(): void {
    this.picked.forEach((p) => p.preview && URL.revokeObjectURL(p.preview));
    super.disconnectedCallback();
  }

  private get villageId(): string {
    return this.pickedVillage || (villagesOf(this.session?.person, Role.CUSTODIAN)[0] ?? "");
  }

  private get matter(): Matter | undefined {
    return this.matters.find((m) => m.code === this.matterCode);
  }

  private visibleMatters(): Matter[] {
    const q = this.search.trim().toLowerCase();
    return q ? this.matters.filter((m) => m.name.includes(q) || m.code.toLowerCase().includes(q)) : this.matters;
  }

  private pickMatter(code: string): void {
    this.matterCode = code;
    const kinds = this.matter?.allowedSealKinds ?? [];
    this.sealKind = kinds.length === 1 ? kinds[0] : kinds.includes(this.sealKind) ? this.sealKind : SealKind.UNSPECIFIED;
  }

  private addFiles(input: HTMLInputElement): void {
    this.fileProblem = "";
    for (const file of Array.from(input.files ?? [])) {
      const problem = materialProblem(file.type, file.size);
      if (problem) {
        this.fileProblem = t(problem, { name: file.name, max: kilobytes(maxMaterialBytes) });
        continue;
      }
      const total = this.picked.reduce((n, p) => n + p.file.size, 0) + file.size;
      if (total > maxRequestBytes) {
        this.fileProblem = t("material.total", { max: kilobytes(maxRequestBytes) });
        continue;
      }
      this.picked = [...this.picked, { file, preview: file.type.startsWith("image/") ? URL.createObjectURL(file) : undefined }];
    }
    input.value = "";
  }

  private removeMaterial(index: number): void {
    const [gone] = this.picked.splice(index, 1);
    if (gone.preview) {
      URL.revokeObjectURL(gone.preview);
    }
    this.picked = [...this.picked];
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) {
      return;
    }
    if (this.picked.length === 0) {
      this.fileProblem = t("material.none");
      return;
    }
    const data = new FormData(form);
    await this.run(async () => {
      const materials = await Promise.all(
        this.picked.map(async (p) => ({ fileName: p.file.name, contentType: p.file.type, content: new Uint8Array(await p.file.arrayBuffer()) })),
      );
      const filed = await requests.submitRequest({
        villageId: this.villageId,
        sealKind: this.sealKind,
        matterCode: this.matterCode,
        applicantName: String(data.get("applicant")),
        purpose: String(data.get("reason")),
        copies: Number(data.get("copies")),
        materials,
        idempotencyKey: this.idempotencyKey,
      });
      location.hash = `#/requests/${filed.request!.requestId}`;
    });
  }

  override render() {
    const villages = villagesOf(this.session?.person, Role.CUSTODIAN);
    const kinds = this.matter?.allowedSealKinds ?? [];
    return html`<section class="card">
      <h1>${t("newRequest.title")}</h1>
      <form @submit=${(e: Event) => this.submit(e)} novalidate>
        ${villages.length > 1
          ? html`<label>${t("field.village")}
              <select data-testid="village" required @change=${(e: Event) => (this.pickedVillage = (e.target as HTMLSelectElement).value)}>
                ${villages.map((v) => html`<option value=${v} ?selected=${v === this.villageId}>${v}</option>`)}
              </select></label
            >`
          : nothing}
        <label>${t("field.matterSearch")}
          <input type="search" data-testid="matter-search" .value=${this.search} @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)} />
        </label>
        <label>${t("field.matter")}
          <select data-testid="matter" required @change=${(e: Event) => this.pickMatter((e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.matterCode}>${t("field.choose")}</option>
            ${this.visibleMatters().map((m) => html`<option value=${m.code} ?selected=${m.code === this.matterCode}>${m.name}（${m.code}）</option>`)}
          </select>
        </label>
        <label>${t("field.sealKind")}
          <select data-testid="seal-kind" required ?disabled=${kinds.length === 0} @change=${(e: Event) => (this.sealKind = Number((e.target as HTMLSelectElement).value))}>
            <option value="" ?selected=${this.sealKind === SealKind.UNSPECIFIED}>${t("field.choose")}</option>
            ${kinds.map((k) => html`<option value=${k} ?selected=${k === this.sealKind}>${t(sealKindKey(k))}</option>`)}
          </select>
        </label>
        <label>${t("field.applicant")} <input name="applicant" data-testid="applicant" required maxlength="100" autocomplete="off" /></label>
        <label>${t("field.copies")} <input name="copies" data-testid="copies" type="number" min="1" max="20" value="1" required /></label>
        <label>${t("field.reason")} <textarea name="reason" data-testid="reason" required maxlength="500" rows="3"></textarea></label>
        <label>${t("field.materials")}
          <input type="file" data-testid="material-input" accept="image/*,application/pdf" multiple @change=${(e: Event) => this.addFiles(e.target as HTMLInputElement)} />
        </label>
        <p class="hint">${t("material.hint", { max: kilobytes(maxMaterialBytes) })}</p>
        ${this.fileProblem ? html`<p class="error" role="alert" data-testid="material-error">${this.fileProblem}</p>` : nothing}
        <ul class="previews">
          ${this.picked.map(
            (p, i) => html`<li data-testid="material-preview">
              ${p.preview ? html`<img src=${p.preview} alt=${p.file.name} />` : html`<span class="pdf" aria-hidden="true">PDF</span>`}
              <span>${p.file.name} · ${kilobytes(p.file.size)}</span>
              <button type="button" class="link" @click=${() => this.removeMaterial(i)}>${t("material.remove")}</button>
            </li>`,
          )}
        </ul>
        ${this.renderProblem()}
        <button class="primary" type="submit" data-testid="submit" ?disabled=${this.busy}>${this.busy ? t("app.sending") : t("newRequest.submit")}</button>
      </form>
    </section>`;
  }
}
