// Campaign metrics (issue 5 "Metrics"): from the facts of what was sent and what came back, the
// figures per campaign, per step and per sender, and replies per day. Pure, so the home card, the
// campaign card and the Dashboard tab all show the same numbers.
import { isHumanReply, type ReplyCategory } from './replies/categories';

/** One message of a sequence that went out. */
export interface SentFact {
  campaignId: string;
  sender: string;
  candidate: string;
  /** 1-based step. */
  step: number;
}

/** One classified message that came back (or a person's override on the Gmail card). */
export interface ReplyFact {
  campaignId: string;
  sender: string;
  candidate: string;
  /** The step it answers, 1-based; 0 when unknown. */
  step: number;
  category: ReplyCategory;
  /** When it arrived (ms); orders a candidate's replies. */
  at: number;
  /** A person's choice: wins over every classified reply of the candidate. */
  override?: boolean;
}

export interface Figures {
  /** Messages sent. */
  sent: number;
  /** Messages sent minus those that bounced hard. */
  delivered: number;
  /** Messages that bounced hard. */
  bounced: number;
  /** Candidates who wrote back (any person's reply, opt-outs included). */
  replied: number;
  interested: number;
  notInterested: number;
  optedOut: number;
  /** Candidates who sent an auto-reply (out of office). */
  autoReplied: number;
  /** replied / delivered; null when nothing was delivered. */
  replyRate: number | null;
  /** interested / replied; null when nobody replied. */
  interestRate: number | null;
}

export interface CampaignMetrics {
  campaignId: string;
  total: Figures;
  byStep: { step: number; figures: Figures }[];
  bySender: { sender: string; figures: Figures }[];
}

/**
 * Figures of one group of facts. Messages are counted as sent; people are counted once each:
 * a candidate who replied twice replied once, and their standing answer (a person's override,
 * else their latest reply) decides whether they count as interested, not interested or opted out.
 */
export function figuresOf(sent: readonly SentFact[], replies: readonly ReplyFact[]): Figures {
  const bouncedMessages = new Set<string>();
  const autoReplied = new Set<string>();
  const standing = new Map<string, ReplyFact>();
  for (const reply of replies) {
    if (reply.category === 'bounce_hard') bouncedMessages.add(`${reply.candidate}\n${reply.step}`);
    if (reply.category === 'auto_reply') autoReplied.add(reply.candidate);
    if (isHumanReply(reply.category)) {
      const before = standing.get(reply.candidate);
      if (!before || outranks(reply, before)) standing.set(reply.candidate, reply);
    }
  }
  const answers = [...standing.values()].map((reply) => reply.category);
  const count = (category: ReplyCategory) => answers.filter((c) => c === category).length;
  const bounced = Math.min(bouncedMessages.size, sent.length);
  const delivered = sent.length - bounced;
  const replied = standing.size;
  const interested = count('interested');
  return {
    sent: sent.length,
    delivered,
    bounced,
    replied,
    interested,
    notInterested: count('not_interested'),
    optedOut: count('opt_out'),
    autoReplied: autoReplied.size,
    replyRate: delivered > 0 ? replied / delivered : null,
    interestRate: replied > 0 ? interested / replied : null,
  };
}

function outranks(reply: ReplyFact, before: ReplyFact): boolean {
  if (Boolean(reply.override) !== Boolean(before.override)) return Boolean(reply.override);
  return reply.at >= before.at;
}

/** Metrics of every campaign the facts mention, in the order campaigns first appear. */
export function computeMetrics(
  sent: readonly SentFact[],
  replies: readonly ReplyFact[],
): CampaignMetrics[] {
  const campaignIds = unique([...sent, ...replies].map((fact) => fact.campaignId));
  return campaignIds.map((campaignId) => {
    const campaignSent = sent.filter((fact) => fact.campaignId === campaignId);
    const campaignReplies = replies.filter((fact) => fact.campaignId === campaignId);
    const figuresWhere = <K extends 'step' | 'sender'>(key: K, value: SentFact[K]) =>
      figuresOf(
        campaignSent.filter((fact) => fact[key] === value),
        campaignReplies.filter((fact) => fact[key] === value),
      );
    const steps = unique([...campaignSent, ...campaignReplies].map((f) => f.step))
      .filter((step) => step > 0)
      .sort((a, b) => a - b);
    const senders = unique([...campaignSent, ...campaignReplies].map((f) => f.sender)).sort();
    return {
      campaignId,
      total: figuresOf(campaignSent, campaignReplies),
      byStep: steps.map((step) => ({ step, figures: figuresWhere('step', step) })),
      bySender: senders.map((sender) => ({ sender, figures: figuresWhere('sender', sender) })),
    };
  });
}

/** Replies per day, oldest first: people's replies and auto-replies and bounces, per local day. */
export interface DayFigures {
  day: string;
  replies: number;
  interested: number;
  autoReplies: number;
  bounces: number;
}

export function repliesPerDay(
  replies: readonly ReplyFact[],
  dayOf: (ms: number) => string,
): DayFigures[] {
  const days = new Map<string, DayFigures>();
  for (const reply of replies) {
    if (reply.override) continue;
    const day = dayOf(reply.at);
    const row = days.get(day) ?? { day, replies: 0, interested: 0, autoReplies: 0, bounces: 0 };
    if (isHumanReply(reply.category)) row.replies++;
    if (reply.category === 'interested') row.interested++;
    if (reply.category === 'auto_reply') row.autoReplies++;
    if (reply.category.startsWith('bounce')) row.bounces++;
    days.set(day, row);
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

/** A rate as people read it: `37%`, or `—` when there is nothing to divide by. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
