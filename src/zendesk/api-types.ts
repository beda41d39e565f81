// The parts of Zendesk's REST shapes we use (developer.zendesk.com/api-reference/ticketing/tickets/).
export interface ZTicket {
  id: number;
  subject: string | null;
  description?: string | null;
  status: string;
  priority: string | null;
  group_id: number | null;
  tags: string[];
  requester_id: number;
  assignee_id: number | null;
  updated_at: string;
  url?: string;
}

export interface ZComment {
  id: number;
  type?: string;
  author_id: number;
  body: string;
  html_body?: string;
  plain_body?: string;
  public: boolean;
  created_at: string;
  /** Zendesk's flags on the comment, e.g. 11 = "submitted by the user on behalf of the author". */
  metadata?: { flags?: number[] };
}

export interface ZUser {
  id: number;
  name: string;
  email?: string | null;
  role: 'end-user' | 'agent' | 'admin' | string;
  /** 0 custom agent, 1 light agent, 2 chat agent, 3 chat agent contributor, 4 admin, 5 billing admin (users API). */
  role_type?: number | null;
  /** A chat-only agent: no Support seat. */
  chat_only?: boolean;
  active?: boolean;
}

/** One update of a ticket: who made it, what changed, and the custom metadata sent with it (ticket_audits). */
export interface ZAudit {
  id: number;
  ticket_id?: number;
  author_id: number;
  created_at: string;
  metadata?: { custom?: Record<string, unknown> };
  events: Array<{ id?: number; type: string; field_name?: string; value?: unknown; previous_value?: unknown; author_id?: number; public?: boolean }>;
}

export interface ZTicketUpdate {
  comment?: { body?: string; html_body?: string; public: boolean; author_id?: number };
  tags?: string[];
  priority?: string;
  group_id?: number;
  safe_update?: boolean;
  updated_stamp?: string;
  /** Custom metadata kept on the audit of this update (≤ 1 kB); our write mark. */
  metadata?: Record<string, string>;
}
