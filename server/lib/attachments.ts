import { AppError } from "./errors.js";

export const ATTACHMENT_LIMITS = { maxFiles: 5, maxBytes: 10 * 1024 * 1024, maxTotalBytes: 20 * 1024 * 1024 } as const;

export type IncomingFile = { filename: string; contentType: string; data: Buffer };
export type CheckedFile = IncomingFile & { contentType: string };

const SIGNATURES: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: "application/pdf", test: (b) => b.subarray(0, 5).toString("latin1") === "%PDF-" },
  { type: "image/png", test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: "image/jpeg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/gif", test: (b) => b.subarray(0, 4).toString("latin1") === "GIF8" },
  { type: "image/webp", test: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
  { type: "image/heic", test: (b) => b.subarray(4, 12).toString("latin1").startsWith("ftyphei") },
  // Office Open XML (docx, xlsx) are zip files
  { type: "application/zip", test: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) },
];

const OOXML: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

function isPlainText(b: Buffer): boolean {
  if (b.includes(0)) return false;
  const s = b.subarray(0, 4096).toString("utf8");
  return !s.includes("\uFFFD") && !/<\s*(script|html|svg|iframe)/i.test(s);
}

/**
 * Identifies a file by its content, never by its name or the declared type: PDF, images,
 * Word/Excel documents and plain text are accepted; anything else (HTML, SVG, executables) is refused.
 */
export function sniffContentType(filename: string, data: Buffer): string | null {
  const sig = SIGNATURES.find((s) => s.test(data));
  if (sig?.type === "application/zip") {
    const ext = filename.toLowerCase().split(".").pop() ?? "";
    return OOXML[ext] ?? null;
  }
  if (sig) return sig.type;
  return isPlainText(data) ? "text/plain" : null;
}

/** Enforces count, size and type limits; throws a validation error naming the file. */
export function checkAttachments(files: IncomingFile[]): CheckedFile[] {
  if (files.length > ATTACHMENT_LIMITS.maxFiles) {
    throw new AppError("validation_failed", `At most ${ATTACHMENT_LIMITS.maxFiles} files can be attached`, {
      invalidParams: [{ name: "attachments", reason: "too_many" }],
    });
  }
  let total = 0;
  return files.map((f, i) => {
    const name = f.filename.replace(/[\\/\0\r\n]/g, "_").slice(0, 200) || `attachment-${i + 1}`;
    total += f.data.length;
    if (f.data.length === 0 || f.data.length > ATTACHMENT_LIMITS.maxBytes || total > ATTACHMENT_LIMITS.maxTotalBytes) {
      throw new AppError("validation_failed", `${name} is empty or larger than 10 MB`, {
        invalidParams: [{ name: `attachments.${i}`, reason: "too_large" }],
      });
    }
    const contentType = sniffContentType(name, f.data);
    if (!contentType) {
      throw new AppError("validation_failed", `${name} is not a supported file type (PDF, image, Word, Excel or text)`, {
        invalidParams: [{ name: `attachments.${i}`, reason: "unsupported_type" }],
      });
    }
    return { filename: name, contentType, data: f.data };
  });
}

/**
 * The lenient twin of checkAttachments for channels where the sender cannot be asked again (email):
 * keeps what passes the same checks and names what was left out and why.
 */
export function filterAttachments(files: IncomingFile[]): { accepted: CheckedFile[]; rejected: { filename: string; reason: string }[] } {
  const accepted: CheckedFile[] = [];
  const rejected: { filename: string; reason: string }[] = [];
  let total = 0;
  for (const [i, f] of files.entries()) {
    const name = f.filename.replace(/[\\/\0\r\n]/g, "_").slice(0, 200) || `attachment-${i + 1}`;
    const contentType = f.data.length > 0 ? sniffContentType(name, f.data) : null;
    if (accepted.length >= ATTACHMENT_LIMITS.maxFiles) rejected.push({ filename: name, reason: "too many files" });
    else if (f.data.length > ATTACHMENT_LIMITS.maxBytes || total + f.data.length > ATTACHMENT_LIMITS.maxTotalBytes)
      rejected.push({ filename: name, reason: "too large" });
    else if (!contentType) rejected.push({ filename: name, reason: "unsupported type" });
    else {
      total += f.data.length;
      accepted.push({ filename: name, contentType, data: f.data });
    }
  }
  return { accepted, rejected };
}
