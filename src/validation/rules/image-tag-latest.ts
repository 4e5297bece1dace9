// Images without a tag or with `latest`: what runs changes under you, and rollbacks do not roll back.
// A digest (@sha256:...) pins the image and is fine.
import type { Rule, RuleFinding } from './rule';
import { indexOf, containersOf } from './resources';

/** The tag of an image reference, '' when there is none, null when pinned by digest. */
export function imageTag(image: string): string | null {
  if (image.includes('@')) return null;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > lastSlash ? image.slice(colon + 1) : '';
}

export const imageTagLatest: Rule = {
  id: 'image-tag-latest',
  defaultSeverity: 'warning',
  description: 'Container image has no tag or uses the latest tag.',
  docsAnchor: 'image-tag-latest',
  category: 'best-practice',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      for (const c of containersOf(t, true)) {
        const image = c.container.image;
        if (typeof image !== 'string' || image === '') continue;
        const tag = imageTag(image);
        if (tag === null || (tag !== '' && tag !== 'latest')) continue;
        out.push({
          manifest: t.manifest, path: [...c.path, 'image'],
          message: tag === '' ? `image "${image}" has no tag (defaults to latest): pin a version` : `image "${image}" uses the latest tag: pin a version`,
        });
      }
    }
    return out;
  },
};
