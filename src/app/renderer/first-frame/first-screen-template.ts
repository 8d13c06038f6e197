import type { Language } from '../../../core/messages/index.js';

/** The `<template>` of index.html holding the prerendered first screen in a language (the build writes it, first-frame/draw-first-frame.ts shows it). */
export function firstScreenTemplateId(language: Language): string {
  return `first-screen-${language}`;
}
