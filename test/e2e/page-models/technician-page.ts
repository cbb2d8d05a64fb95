import { expect, type Locator, type Page } from '@playwright/test';

/** A tiny real PNG (2x2), as a phone camera would hand the browser a file. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

/** The field technician's screens: his list, an order's page, pending changes, conflicts. */
export class TechnicianPage {
  constructor(private readonly page: Page) {}

  openButton(number: string): Locator {
    return this.page.getByTestId(`open-${number}`);
  }

  async openOrder(number: string): Promise<void> {
    await this.openButton(number).click();
    await expect(this.page.getByTestId('work-order-page')).toBeVisible();
  }

  async back(): Promise<void> {
    await this.page
      .getByRole('button', { name: /^(返回我的工单|Back to my work orders)$/ })
      .click();
  }

  status(): Locator {
    return this.page.getByTestId('order-status');
  }

  /** Saved messages stack up; wait for the newest one of each action. */
  private async saved(action: Promise<void>): Promise<void> {
    const before = await this.page.locator('.ant-message-notice').count();
    await action;
    await expect(this.page.locator('.ant-message-notice')).not.toHaveCount(before);
  }

  async addNote(note: string): Promise<void> {
    await this.page.getByTestId('note-input').fill(note);
    await this.saved(this.page.getByTestId('note-add').click());
    await expect(this.page.getByText(note)).toBeVisible();
  }

  async addPart(part: string): Promise<void> {
    await this.page.getByTestId('part-input').fill(part);
    await this.saved(this.page.getByTestId('part-add').click());
    await expect(this.page.getByRole('cell', { name: part })).toBeVisible();
  }

  async addPhoto(): Promise<void> {
    const count = await this.attachments().count();
    await this.page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'meter.png', mimeType: 'image/png', buffer: PNG });
    await expect(this.attachments()).toHaveCount(count + 1);
  }

  attachments(): Locator {
    return this.page.getByTestId('attachment-list').locator('li');
  }

  /** The customer signs with the pointer, a stroke across the pad. */
  async sign(): Promise<void> {
    const count = await this.attachments().count();
    const canvas = this.page.getByTestId('signature-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await this.page.mouse.move(box.x + 20, box.y + box.height / 2);
    await this.page.mouse.down();
    for (let step = 1; step <= 10; step += 1) {
      await this.page.mouse.move(
        box.x + 20 + step * 30,
        box.y + box.height / 2 + (step % 2 ? 20 : -20),
      );
    }
    await this.page.mouse.up();
    await this.page.getByTestId('signature-save').click();
    await expect(this.attachments()).toHaveCount(count + 1);
  }

  /** The keyboard way: the customer's name typed instead of drawn. */
  async signByTypedName(name: string): Promise<void> {
    const count = await this.attachments().count();
    await this.page.getByTestId('signature-typed-name').fill(name);
    await this.page.getByTestId('signature-save').click();
    await expect(this.attachments()).toHaveCount(count + 1);
  }

  async moveTo(status: string): Promise<void> {
    await this.page.getByTestId(`status-${status}`).click();
  }

  pendingOrders(): Locator {
    return this.page.getByTestId('pending-order');
  }

  conflictRows(): Locator {
    return this.page.getByTestId('conflict-review').locator('tbody tr.ant-table-row');
  }

  async retrySync(): Promise<void> {
    await this.page.getByTestId('sync-retry').click();
  }
}
