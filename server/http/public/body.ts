import type { FastifyRequest } from "fastify";
import type { MultipartFile, MultipartValue } from "@fastify/multipart";
import { ATTACHMENT_LIMITS, type IncomingFile } from "../../lib/attachments.js";
import { storableText } from "../../lib/text.js";

/** The fields of an HTML form post (every value as a list, in order) and its uploaded files. */
export type FormBody = {
  values: Record<string, string[]>;
  files: IncomingFile[];
  /** Set when the upload broke a limit or could not be read; the fields read so far are kept. */
  problem?: "too_many" | "too_large" | "malformed";
};

/** Busboy limits for the public forms: 5 files of 10 MB, and fields far larger than any legitimate answer. */
export const MULTIPART_LIMITS = {
  files: ATTACHMENT_LIMITS.maxFiles,
  fileSize: ATTACHMENT_LIMITS.maxBytes,
  fields: 100,
  fieldSize: 64 * 1024,
  fieldNameSize: 100,
  parts: 120,
  headerPairs: 100,
} as const;

function push(values: Record<string, string[]>, rawKey: string, value: string): void {
  const key = storableText(rawKey);
  if (!Object.hasOwn(values, key)) values[key] = [];
  values[key]!.push(storableText(value));
}

function fromObject(body: unknown): Record<string, string[]> {
  const values: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  if (!body || typeof body !== "object") return values;
  for (const [key, v] of Object.entries(body as Record<string, unknown>)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (typeof item === "string" || typeof item === "number" || typeof item === "boolean") push(values, key, String(item));
    }
  }
  return values;
}

function problemOf(err: unknown): FormBody["problem"] {
  const code = typeof err === "object" && err !== null && "code" in err ? (err as { code: unknown }).code : undefined;
  if (code === "FST_FILES_LIMIT") return "too_many";
  if (code === "FST_REQ_FILE_TOO_LARGE") return "too_large";
  return "malformed";
}

async function fromMultipart(req: FastifyRequest): Promise<FormBody> {
  const values: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const files: IncomingFile[] = [];
  try {
    for await (const part of req.parts({ limits: MULTIPART_LIMITS })) {
      if (part.type === "file") {
        const file = part as MultipartFile;
        const data = await file.toBuffer();
        // An untouched <input type=file> still sends one empty part with no name.
        if (file.filename || data.length > 0) files.push({ filename: storableText(file.filename), contentType: file.mimetype, data });
      } else {
        const field = part as MultipartValue<unknown>;
        if (typeof field.value === "string") push(values, field.fieldname, field.value);
      }
    }
  } catch (err) {
    return { values, files, problem: problemOf(err) };
  }
  return { values, files };
}

/** Reads an HTML form post, `multipart/form-data` (with files) or `application/x-www-form-urlencoded`. */
export async function readFormBody(req: FastifyRequest): Promise<FormBody> {
  if (req.isMultipart()) return fromMultipart(req);
  return { values: fromObject(req.body), files: [] };
}

/** The first value of a field, if any. */
export function first(values: Record<string, string[]>, key: string): string | undefined {
  return Object.hasOwn(values, key) ? values[key]![0] : undefined;
}
