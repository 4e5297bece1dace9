// What views may ask the app to do. Views never post messages or touch state directly; main.ts implements this.
import type { ViewName, WhatIf } from '../src/protocol';
import type { AppState } from './state';

export interface Actions {
  /** select an object (by key); `reveal` also posts a reveal to the host when the object has a source */
  select(key: string | null, opts?: { reveal?: boolean }): void;
  reveal(key: string): void;
  whatIf(change: WhatIf): void;
  resetWhatIfs(): void;
  toggleGroup(groupKey: string): void;
  showView(view: ViewName): void;
  setFilter(field: keyof AppState['filters'], value: string): void;
}

/** A tab's content: built once, re-rendered from the state when it is the active view. */
export interface View {
  readonly el: HTMLElement;
  render(st: AppState): void;
  /** bring the object into sight (scroll or pan) */
  reveal?(key: string): void;
  /** draw whatever is drawn lazily, before an export serializes the view */
  beforeExport?(): void;
  /** the SVG that "export" serializes, when the view is drawn in SVG */
  exportSvg?(): SVGSVGElement | null;
}
