import { expect, type Locator, type Page } from '@playwright/test'

export interface StepInput {
  name: string
  minutes?: number
  focus: string[]
  questions: string[]
}

/** A posting's interview plan, scorecards (local or from a packet) and My interviews. */
export class InterviewsPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 2 })
  }

  /** Changes who uses this machine, as a person does: in the Team page's setting, then back where they were. */
  async actAs(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'You are' }).click()
    await this.page.getByRole('menuitem', { name: 'Change who uses this machine…' }).click()
    await this.page.getByRole('combobox', { name: 'Who uses this machine' }).click()
    await this.page.getByRole('option', { name, exact: true }).click()
    await this.page.getByRole('button', { name: 'Change', exact: true }).click()
    await expect(this.page.getByRole('button', { name: 'You are' })).toHaveText(name)
    await this.page.goBack()
  }

  /** From a posting's applicants table, through the application drawer. */
  async openApplication(candidate: string): Promise<void> {
    await this.page.getByRole('tab', { name: 'Applicants', exact: true }).click()
    await this.page
      .getByRole('table', { name: 'Applicants' })
      .getByRole('row', { name: candidate, exact: true })
      .click()
    await this.page.getByRole('link', { name: 'Interviews and debrief' }).click()
    await expect(this.heading()).toHaveText(candidate)
  }

  async schedule(step: string, interviewer: string, when: string): Promise<void> {
    const form = this.page.getByRole('main')
    await form.getByLabel('Step', { exact: true }).click()
    await this.page.getByRole('option', { name: step, exact: true }).click()
    await form.getByLabel('Interviewer', { exact: true }).click()
    await this.page.getByRole('option', { name: interviewer, exact: true }).click()
    await form.getByLabel('Date and time').fill(when)
    await form.getByRole('button', { name: 'Schedule', exact: true }).click()
    await expect(this.interviewRow(step, interviewer)).toBeVisible()
  }

  interviewRow(step: string, interviewer: string): Locator {
    return this.page
      .getByRole('table', { name: 'Interviews' })
      .getByRole('row', { name: `${step}, ${interviewer}`, exact: true })
  }

  async openScorecard(step: string, interviewer: string): Promise<void> {
    await this.interviewRow(step, interviewer).getByRole('link', { name: 'Scorecard' }).click()
    await expect(this.page.getByRole('heading', { level: 2 })).toContainText(step)
  }

  async tab(name: 'Interviews' | 'Debrief'): Promise<void> {
    await this.page.getByRole('tab', { name, exact: true }).click()
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Submit', exact: true }).click()
    await this.page.getByRole('dialog').getByRole('button', { name: 'Submit', exact: true }).click()
    await expect(this.page.getByText(/Submitted and locked/)).toBeVisible()
  }

  /** Clicks what downloads a file and saves it; returns its path. */
  async download(trigger: Locator, path: string): Promise<string> {
    const download = this.page.waitForEvent('download')
    await trigger.click()
    await (await download).saveAs(path)
    return path
  }

  /** Clicks what opens a file picker and picks the file. */
  async upload(trigger: Locator, path: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser')
    await trigger.click()
    await (await chooser).setFiles(path)
  }

  async openPlanTab(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Interview plan' }).click()
    await expect(this.page.getByRole('heading', { name: 'Steps' })).toBeVisible()
  }

  async addStep(step: StepInput): Promise<void> {
    await this.page.getByRole('button', { name: 'Add step' }).click()
    const drawer = this.page.getByRole('dialog', { name: 'Add step' })
    await drawer.getByLabel('Step name').fill(step.name)
    if (step.minutes !== undefined) await drawer.getByLabel('Duration (minutes)').fill(String(step.minutes))
    const focus = drawer.getByRole('combobox', { name: 'Focus items' })
    for (const label of step.focus) {
      await focus.fill(label.slice(0, 30))
      await this.page.getByRole('option', { name: label, exact: true }).click()
    }
    await focus.press('Escape')
    await drawer.getByLabel('Questions').fill(step.questions.join('\n'))
    await drawer.getByRole('button', { name: 'Save' }).click()
    await expect(drawer).toBeHidden()
    await expect(this.step(step.name)).toBeVisible()
  }

  step(name: string): Locator {
    return this.page.getByRole('listitem', { name, exact: true })
  }

  async stepNames(): Promise<string[]> {
    const items = await this.page.getByRole('main').getByRole('listitem').all()
    const names = await Promise.all(items.map((item) => item.getAttribute('aria-label')))
    return names.filter((name): name is string => name !== null)
  }

  focusItem(label: string): Locator {
    return this.page.getByRole('group', { name: label, exact: true })
  }

  async rate(label: string, rating: 1 | 2 | 3 | 4, note?: string): Promise<void> {
    const item = this.focusItem(label)
    await item.getByRole('radio', { name: new RegExp(`^${rating} · `) }).check()
    if (note !== undefined) await item.getByLabel('Note').fill(note)
  }

  async recommend(label: 'Strong no' | 'No' | 'Yes' | 'Strong yes'): Promise<void> {
    await this.page
      .getByRole('radiogroup', { name: 'Overall recommendation' })
      .getByRole('radio', { name: label, exact: true })
      .check()
  }

  async takeaways(text: string): Promise<void> {
    await this.page.getByLabel('Key takeaways').fill(text)
  }

  async waitSaved(): Promise<void> {
    await expect(this.page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible()
  }
}
