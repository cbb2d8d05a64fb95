import { expect, type Locator, type Page } from '@playwright/test';

/** The transfer and consult dialog: directory search, presence badges, typed number. */
export class TransferDialog {
  constructor(private readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  get search(): Locator {
    return this.dialog.getByRole('combobox');
  }

  get list(): Locator {
    return this.dialog.getByRole('listbox');
  }

  get target(): Locator {
    return this.dialog.getByTestId('transfer-target');
  }

  get unavailable(): Locator {
    return this.dialog.getByTestId('directory-unavailable');
  }

  entry(name: string): Locator {
    return this.list.getByRole('option').filter({ hasText: name });
  }

  async open(buttonName: string): Promise<void> {
    await this.page.getByRole('button', { name: buttonName }).click();
    await expect(this.dialog).toBeVisible();
    await expect(this.search).toBeFocused();
  }
}
