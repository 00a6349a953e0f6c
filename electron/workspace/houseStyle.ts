/**
 * The house style kept in the workspace: one row with the style and the logo (PNG or JPEG, at
 * most 2 MB, as base64 text). A style or logo that cannot be used is refused, saying why, and the
 * one kept stays as it was.
 */
import type { SqlEngine as Engine } from '../../shared/engine.js';
import { contrastProblems, DEFAULT_HOUSE_STYLE, houseStyleSchema, jpegSize, type HouseLogo, type HouseLook, type HouseStyleInfo } from '../../shared/export/houseStyle.js';
import { pngSize } from '../../shared/export/model.js';
import { PackError } from '../../shared/packs/run.js';

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;


/** A logo from a file's bytes: PNG or JPEG with a readable size, else refused naming the file. */
export function readLogo(name: string, data: Uint8Array): HouseLogo {
  if (data.byteLength > MAX_LOGO_BYTES) throw new PackError(`The logo ${name} is ${(data.byteLength / 1024 / 1024).toFixed(1)} MB; choose one of at most 2 MB.`, 'invalid-request');
  const png = pngSize(data);
  if (png) return { type: 'png', data, ...png };
  const jpg = jpegSize(data);
  if (jpg) return { type: 'jpg', data, ...jpg };
  throw new PackError(`The logo ${name} is not a PNG or JPEG image: save it as .png or .jpg and choose it again.`, 'invalid-request');
}

export async function loadHouseStyle(engine: Engine): Promise<HouseStyleInfo> {
  const rows = await engine.all<{ style: string; logo: string | null }>("SELECT style::VARCHAR AS style, logo FROM house_style WHERE id = 'house'");
  const style = rows[0] ? houseStyleSchema.parse(JSON.parse(rows[0].style)) : DEFAULT_HOUSE_STYLE;
  const logo = rows[0]?.logo ? readLogo('kept in the workspace', Uint8Array.from(Buffer.from(rows[0].logo, 'base64'))) : null;
  return { style, logo, problems: contrastProblems(style) };
}

/** Keeps the style; `logo` undefined keeps the logo as it is, null removes it. */
export async function saveHouseStyle(engine: Engine, req: { style: unknown; logo?: { name: string; data: Uint8Array } | null }): Promise<HouseStyleInfo> {
  const parsed = houseStyleSchema.safeParse(req.style);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PackError(`The house style cannot be saved: ${issue.path.join('.') || 'style'}: ${issue.message}`, 'invalid-request');
  }
  const logo = req.logo ? readLogo(req.logo.name, req.logo.data) : req.logo;
  const logoText = logo === undefined ? ((await loadHouseStyle(engine)).logo?.data ?? null) : (logo?.data ?? null);
  await engine.run("INSERT OR REPLACE INTO house_style VALUES ('house', $style, $logo)", {
    style: JSON.stringify(parsed.data),
    logo: logoText ? Buffer.from(logoText).toString('base64') : null,
  });
  return loadHouseStyle(engine);
}

/** The style as the exporters take it. */
export function houseLook(info: HouseStyleInfo): HouseLook {
  return { ...info.style, ...(info.logo ? { logo: info.logo } : {}) };
}
