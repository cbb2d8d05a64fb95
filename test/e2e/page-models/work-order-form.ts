import { expect, type Locator, type Page } from '@playwright/test';

/** The new work order dialog, driven by the keyboard only. */
export class WorkOrderFormPage {
  constructor(private readonly page: Page) {}

  get dialog(): Locator {
    // The test id sits on Ant Design's zero-size modal root; the dialog itself has the role.
    return this.page.getByTestId('work-order-form').getByRole('dialog');
  }

  /** Alt+W opens it with the type field focused. */
  async open(): Promise<void> {
    await this.page.keyboard.press('Alt+W');
    await expect(this.dialog).toBeVisible();
  }

  /**
   * A repair: type (typed and picked with Enter), equipment, symptom, (access notes left
   * empty), description, then Ctrl+Enter to create. Tab moves from field to field.
   */
  async fillRepairByKeyboard(options: {
    typeLabel: string;
    equipment: string;
    symptom: string;
    description: string;
  }): Promise<void> {
    const keyboard = this.page.keyboard;
    await keyboard.type(options.typeLabel);
    await keyboard.press('Enter');
    // The type's list closes with an animation; an accessibility check made meanwhile met its
    // half-removed listbox (aria-required-children on #type_list, once in CI).
    await expect(this.page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
    // The type's own fields render after the choice: a Tab before that skips past them.
    await expect(this.dialog.locator('[id^="details_"]').first()).toBeVisible();
    await keyboard.press('Tab');
    await keyboard.type(options.equipment);
    await keyboard.press('Tab');
    await keyboard.type(options.symptom);
    await keyboard.press('Tab');
    await keyboard.press('Tab');
    await keyboard.type(options.description);
  }

  async submitByKeyboard(): Promise<void> {
    await this.page.keyboard.press('Control+Enter');
    await expect(this.dialog).toBeHidden();
  }
}
