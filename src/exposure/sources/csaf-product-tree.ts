/**
 * A CSAF 2.0 `product_tree` → one matchable {@link ProductIdentity} per product id: the branches walked
 * from the root (vendor → product_family → product_name → product_version / product_version_range, and
 * any other category kept in `path`), `full_product_names`, and `relationships` (a product installed on /
 * a component of another: the identity of the first, with the second as `platform`). Vendor and product
 * are normalised NVD-style (src/exposure/component.ts `normaliseName`: lowercase, spaces as `_`); the
 * version text becomes a {@link VersionConstraint}; product_identification_helper is kept (cpe, purl,
 * model numbers, SKUs, serial numbers, SBOM URLs, x_generic_uris, hash count).
 */
import { normaliseName } from '../component.js';
import { isObj } from './issues.js';
import { normaliseVersionText, type VersionConstraint } from './version-text.js';

export interface ProductHelper {
  cpe?: string;
  purl?: string;
  modelNumbers?: string[];
  skus?: string[];
  serialNumbers?: string[];
  sbomUrls?: string[];
  genericUris?: string[];
  hashes?: number;
}

export interface ProductIdentity {
  readonly productId: string;
  /** The product's full name as the advisory gives it. */
  readonly name: string;
  /** NVD-style (lowercase, `_` for spaces), with the advisory's own spelling beside. */
  readonly vendor: string | undefined;
  readonly vendorName: string | undefined;
  readonly product: string | undefined;
  readonly productName: string | undefined;
  readonly family: string | undefined;
  /** From the product_version / product_version_range branch; `all` with text '' when the tree gives none. */
  readonly version: VersionConstraint;
  /** Every branch from the root: category and name. */
  readonly path: readonly { readonly category: string; readonly name: string }[];
  readonly helper: ProductHelper | undefined;
  /** For a relationship's product: how it relates and to what (the platform's identity when known). */
  readonly relationship?: { readonly category: string; readonly productReference: string; readonly relatesTo: string; readonly platform: ProductIdentity | undefined };
}

export interface ProductTree {
  /** By product id. */
  readonly products: Map<string, ProductIdentity>;
  /** Problems in the tree (kept, not fatal): path and why. */
  readonly problems: { field: string; reason: string }[];
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

function helperOf(h: unknown): ProductHelper | undefined {
  if (!isObj(h)) return undefined;
  const out: ProductHelper = {};
  if (typeof h.cpe === 'string') out.cpe = h.cpe;
  if (typeof h.purl === 'string') out.purl = h.purl;
  const m = strings(h.model_numbers); if (m) out.modelNumbers = m;
  const s = strings(h.skus); if (s) out.skus = s;
  const sn = strings(h.serial_numbers); if (sn) out.serialNumbers = sn;
  const sb = strings(h.sbom_urls); if (sb) out.sbomUrls = sb;
  if (Array.isArray(h.x_generic_uris)) out.genericUris = h.x_generic_uris.map((u) => (isObj(u) && typeof u.uri === 'string' ? u.uri : '')).filter(Boolean);
  if (Array.isArray(h.hashes)) out.hashes = h.hashes.length;
  return Object.keys(out).length > 0 ? out : undefined;
}

const NO_VERSION: VersionConstraint = { kind: 'all', text: '' };

function identity(productId: string, name: string, path: { category: string; name: string }[], helper: unknown): ProductIdentity {
  const last = (cat: string): string | undefined => {
    for (let i = path.length - 1; i >= 0; i--) if (path[i]!.category === cat) return path[i]!.name;
    return undefined;
  };
  const vendorName = last('vendor');
  const productName = last('product_name');
  const family = last('product_family');
  const versionText = last('product_version_range') ?? last('product_version');
  return {
    productId, name,
    vendor: vendorName ? normaliseName(vendorName) : undefined, vendorName,
    product: productName ? normaliseName(productName) : family ? normaliseName(family) : undefined, productName,
    family,
    version: versionText !== undefined ? normaliseVersionText(versionText) : NO_VERSION,
    path, helper: helperOf(helper),
  };
}

export function readProductTree(tree: unknown): ProductTree {
  const products = new Map<string, ProductIdentity>();
  const problems: { field: string; reason: string }[] = [];
  if (tree === undefined) return { products, problems };
  if (!isObj(tree)) { problems.push({ field: 'product_tree', reason: 'is not an object' }); return { products, problems }; }
  const add = (p: ProductIdentity, field: string): void => {
    if (products.has(p.productId)) problems.push({ field, reason: `product id '${p.productId}' defined twice (the first kept)` });
    else products.set(p.productId, p);
  };
  const walk = (branches: unknown, path: { category: string; name: string }[], field: string): void => {
    if (!Array.isArray(branches)) { problems.push({ field, reason: 'branches must be an array' }); return; }
    branches.forEach((b, k) => {
      const f = `${field}[${k}]`;
      if (!isObj(b) || typeof b.category !== 'string' || typeof b.name !== 'string') {
        problems.push({ field: f, reason: 'a branch needs a category and a name' });
        return;
      }
      const here = [...path, { category: b.category, name: b.name }];
      if (isObj(b.product)) {
        const id = b.product.product_id;
        if (typeof id !== 'string') problems.push({ field: `${f}.product.product_id`, reason: 'is required' });
        else add(identity(id, typeof b.product.name === 'string' ? b.product.name : b.name, here, b.product.product_identification_helper), f);
      }
      if (b.branches !== undefined) walk(b.branches, here, `${f}.branches`);
    });
  };
  if (tree.branches !== undefined) walk(tree.branches, [], 'product_tree.branches');
  if (Array.isArray(tree.full_product_names)) {
    tree.full_product_names.forEach((p, k) => {
      if (!isObj(p) || typeof p.product_id !== 'string' || typeof p.name !== 'string') {
        problems.push({ field: `product_tree.full_product_names[${k}]`, reason: 'needs a name and a product_id' });
        return;
      }
      add(identity(p.product_id, p.name, [{ category: 'full_product_name', name: p.name }], p.product_identification_helper), `product_tree.full_product_names[${k}]`);
    });
  }
  if (Array.isArray(tree.relationships)) {
    tree.relationships.forEach((r, k) => {
      const f = `product_tree.relationships[${k}]`;
      const fpn = isObj(r) ? r.full_product_name : undefined;
      if (!isObj(r) || typeof r.category !== 'string' || typeof r.product_reference !== 'string' || typeof r.relates_to_product_reference !== 'string'
        || !isObj(fpn) || typeof fpn.product_id !== 'string') {
        problems.push({ field: f, reason: 'needs category, product_reference, relates_to_product_reference and full_product_name.product_id' });
        return;
      }
      const base = products.get(r.product_reference);
      if (base === undefined) problems.push({ field: `${f}.product_reference`, reason: `unknown product id '${r.product_reference}'` });
      const name = typeof fpn.name === 'string' ? fpn.name : r.product_reference;
      const own = base ?? identity(fpn.product_id, name, [], undefined);
      add({
        ...own, productId: fpn.product_id, name,
        helper: helperOf(fpn.product_identification_helper) ?? own.helper,
        relationship: { category: r.category, productReference: r.product_reference, relatesTo: r.relates_to_product_reference, platform: products.get(r.relates_to_product_reference) },
      }, f);
    });
  }
  return { products, problems };
}
