import { expect, type Locator, type Page } from '@playwright/test';

/** The agent console: state bar, softphone, screen pop and wrap-up. */
export class AgentConsolePage {
  constructor(private readonly page: Page) {}

  get status(): Locator {
    return this.page.getByTestId('agent-status');
  }

  get callPhase(): Locator {
    return this.page.getByTestId('call-phase');
  }

  get screenPop(): Locator {
    return this.page.getByTestId('screen-pop');
  }

  get wrapUp(): Locator {
    return this.page.getByTestId('wrap-up');
  }

  /** Function keys: the whole call flow without the mouse. */
  async press(key: 'F2' | 'F3' | 'F4' | 'F6' | 'F7' | 'F8'): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async chooseDisposition(label: string): Promise<void> {
    await this.wrapUp.getByRole('combobox').click();
    await this.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
      .click();
  }

  async expectStatus(text: string | RegExp): Promise<void> {
    await expect(this.status).toContainText(text, { timeout: 15_000 });
  }
}
