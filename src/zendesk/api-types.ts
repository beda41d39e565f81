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
}

export interface ZUser {
  id: number;
  name: string;
  email?: string | null;
  role: 'end-user' | 'agent' | 'admin' | string;
}

export interface ZTicketUpdate {
  comment?: { body?: string; html_body?: string; public: boolean; author_id?: number };
  tags?: string[];
  priority?: string;
  group_id?: number;
  safe_update?: boolean;
  updated_stamp?: string;
}
