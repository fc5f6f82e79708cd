import type { FieldValues } from "../../../../common/contract/forms.js";
import type { ChannelType, ConversationKind, Language, RequesterRole } from "../../../../common/enums.js";
import { promiseText } from "../../../../common/utils/promise.js";
import type { ConversationRow, TopicRow } from "../../../db/schema/index.js";
import type { CheckedFile } from "../../../lib/attachments.js";
import { findOrCreateContact } from "../../contacts/index.js";
import { getDistrict, type DistrictRow } from "../../districts/index.js";
import { renderEmail, type QueueEmailInput } from "../../mail/index.js";
import type { Ctx } from "../../shared/ctx.js";
import type { IntakeConfig } from "../intake-config.js";
import { replyAddress, statusUrl } from "../links.js";
import { openConversation, type Opened } from "./open-conversation.js";

export type NewInquiry = {
  topic: TopicRow;
  fields: FieldValues;
  message: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  language: Language;
  kind?: ConversationKind;
  requesterRole?: RequesterRole;
  anonymous?: boolean;
  channel?: ChannelType;
  attachments?: CheckedFile[];
};

export type InquiryCreated = { conversation: ConversationRow; reference: string; statusUrl: string };

function subjectFor(topic: TopicRow, lang: Language, message: string): string {
  const topicName = (lang === "es" ? topic.name.es : undefined) ?? topic.name.en;
  const firstLine = message.split(/\r?\n/).find((l) => l.trim())?.trim() ?? "";
  const excerpt = firstLine.length > 80 ? `${firstLine.slice(0, 77)}…` : firstLine;
  return excerpt ? `${topicName}: ${excerpt}` : topicName;
}

/**
 * A family's submission through the front door: finds or creates the contact, opens a conversation
 * owned by the topic's department, stores the message, and queues the acknowledgement email. The edge hands over the
 * district and its intake configuration it has just read, so they are not read again.
 */
export async function createInquiry(ctx: Ctx, input: NewInquiry, loaded: { district?: DistrictRow; config?: IntakeConfig } = {}): Promise<InquiryCreated> {
  const district = loaded.district ?? (await getDistrict(ctx));
  const anonymous = Boolean(input.anonymous && input.topic.allowAnonymous);
  const contact = anonymous
    ? null
    : await findOrCreateContact(ctx, { name: input.name, email: input.email, phone: input.phone, language: input.language });
  const schoolField = input.topic.form.fields.find((f) => f.type === "school");
  const schoolId = schoolField ? (input.fields[schoolField.key] as string | undefined) : undefined;
  const email = anonymous ? null : (contact && input.email ? input.email.trim().toLowerCase() : null);
  const topicName = (input.language === "es" ? input.topic.name.es : undefined) ?? input.topic.name.en;
  // the family's status link, signed once: in the acknowledgement when there is one, else after the INSERT
  let link: string | undefined;
  // written with the conversation, in its INSERT (open-conversation.ts)
  const acknowledgement = (opened: Opened): QueueEmailInput | null =>
    email
      ? {
          purpose: "acknowledgement",
          to: email,
          from: `${district.name} <${district.fromEmail}>`,
          replyTo: replyAddress(district, opened),
          ...renderEmail(input.language, {
            kind: "acknowledgement",
            districtName: district.name,
            reference: opened.reference,
            topic: topicName,
            statusUrl: (link = statusUrl(ctx, district, opened)),
            promise: promiseText(input.language, district.responseDays),
            message: input.message,
          }),
          domain: district.replyDomain,
        }
      : null;
  const { conversation: conv } = await openConversation(
    ctx,
    {
      channel: input.channel ?? "web_form",
      subject: subjectFor(input.topic, input.language, input.message),
      language: input.language,
      kind: input.kind ?? (input.topic.defaultKind as ConversationKind),
      requesterRole: input.requesterRole ?? "parent",
      contactId: contact?.id ?? null,
      topicId: input.topic.id,
      departmentId: input.topic.departmentId,
      schoolId: schoolId ?? null,
      fields: input.fields,
      isAnonymous: anonymous,
      message: { body: input.message, attachments: input.attachments ?? [] },
    },
    { district, ...(loaded.config ? { config: loaded.config } : {}) },
    acknowledgement,
  );
  return { conversation: conv, reference: conv.reference, statusUrl: link ?? statusUrl(ctx, district, conv) };
}
