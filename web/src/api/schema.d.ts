// Generated from GET /api/v1/openapi.json by web/scripts/api-types.mjs (openapi-typescript).
// Do not edit: change the schemas in src/http/openapi.cpp and run `make web-types`.

export interface paths {
    "/api/v1/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an attachment (readers of its ticket only; always as a download, nosniff, sandboxed) */
        get: operations["get/api/v1/attachments/{id}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail, newest first; filter by object, id, actor, since (roles with audit read access) */
        get: operations["get/api/v1/audit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password; sets the session cookie */
        post: operations["post/api/v1/auth/login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out this session */
        post: operations["post/api/v1/auth/logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out every session of the signed-in user */
        post: operations["post/api/v1/auth/logout-everywhere"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is calling: the signed-in user (with the session's CSRF token) or the API token, and what they may do (merged grants and field rules) */
        get: operations["get/api/v1/auth/me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My active sessions */
        get: operations["get/api/v1/auth/sessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one of my sessions */
        delete: operations["delete/api/v1/auth/sessions/{id}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bad-experiences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The newest bad experiences (cause=detractor,low_csat,…; owner=me; open=true; limit ≤ 50) */
        get: operations["get/api/v1/bad-experiences"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bad-experiences/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Close the loop: recovered or lost, with the outcome (If-Match honoured) */
        patch: operations["patch/api/v1/bad-experiences/{id}"];
        trace?: never;
    };
    "/api/v1/chat-files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a chat file (readers of its conversation only; always as a download) */
        get: operations["get/api/v1/chat-files/{id}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chat/bot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The chatbot's guided flows and human-only topics (administrators only) */
        get: operations["get/api/v1/chat/bot"];
        /** Replace the chatbot's guided flows and/or human-only topics (administrators only) */
        put: operations["put/api/v1/chat/bot"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chat/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The chat's settings, with the identity-verification secret (administrators only) */
        get: operations["get/api/v1/chat/settings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the allowed origins, default queue, per-agent limit, or rotate the identity secret (administrators only) */
        patch: operations["patch/api/v1/chat/settings"];
        trace?: never;
    };
    "/api/v1/chats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Chat conversations: view=waiting (oldest first), mine (active, assigned to the caller) or all (newest first) */
        get: operations["get/api/v1/chats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chats/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One conversation with its messages after ?after= (a seq; paged by seq) */
        get: operations["get/api/v1/chats/{id}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chats/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take a waiting chat (up to the per-agent limit of active chats) */
        post: operations["post/api/v1/chats/{id}/accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chats/{id}/convert-to-ticket": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make the chat a ticket with its transcript, or attach the transcript to {ticket_id} as a note */
        post: operations["post/api/v1/chats/{id}/convert-to-ticket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chats/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the chat */
        post: operations["post/api/v1/chats/{id}/end"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chats/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a file to a chat (body: the file; ?name= or X-File-Name: its name); the next reply names it in attachment_ids */
        post: operations["post/api/v1/chats/{id}/files"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chats/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The agent's reply ({text, client_id?, attachment_ids?}; a repeated client_id stores nothing) */
        post: operations["post/api/v1/chats/{id}/messages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chats/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The agent has read the messages up to {seq} (the visitor sees a receipt) */
        post: operations["post/api/v1/chats/{id}/read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chats/{id}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hand the chat to another agent ({assignee_id}) or queue ({queue_id}) */
        post: operations["post/api/v1/chats/{id}/transfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chats/{id}/typing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Tell the visitor the agent is typing (nothing is stored) */
        post: operations["post/api/v1/chats/{id}/typing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/companies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List companies; q matches name or domain */
        get: operations["get/api/v1/companies"];
        put?: never;
        /** Create a company (Idempotency-Key honoured) */
        post: operations["post/api/v1/companies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/companies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a company (ETag) */
        get: operations["get/api/v1/companies/{id}"];
        put?: never;
        post?: never;
        /** Delete a company; its customers stay, without a company */
        delete: operations["delete/api/v1/companies/{id}"];
        options?: never;
        head?: never;
        /** Change a company with a JSON merge patch (If-Match honoured) */
        patch: operations["patch/api/v1/companies/{id}"];
        trace?: never;
    };
    "/api/v1/custom-fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List custom field definitions, all or one object_type's */
        get: operations["get/api/v1/custom-fields"];
        put?: never;
        /** Define a typed custom field, optionally sensitive (administrators only) */
        post: operations["post/api/v1/custom-fields"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/custom-fields/{object_type}/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One custom field definition, with its version as the ETag */
        get: operations["get/api/v1/custom-fields/{object_type}/{key}"];
        put?: never;
        post?: never;
        /** Delete a custom field and remove its value from every record (administrators only; each changed record is audited) */
        delete: operations["delete/api/v1/custom-fields/{object_type}/{key}"];
        options?: never;
        head?: never;
        /** Edit a custom field's label, options, required or sensitive (administrators only; type and key cannot change; removing an option records hold is 409) */
        patch: operations["patch/api/v1/custom-fields/{object_type}/{key}"];
        trace?: never;
    };
    "/api/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List customers; q is full-text search over names, emails, phones, company and tags */
        get: operations["get/api/v1/customers"];
        put?: never;
        /** Create a customer (Idempotency-Key honoured) */
        post: operations["post/api/v1/customers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a customer (ETag) */
        get: operations["get/api/v1/customers/{id}"];
        put?: never;
        post?: never;
        /** Delete a customer and their timeline (If-Match honoured) */
        delete: operations["delete/api/v1/customers/{id}"];
        options?: never;
        head?: never;
        /** Change a customer with a JSON merge patch (If-Match honoured) */
        patch: operations["patch/api/v1/customers/{id}"];
        trace?: never;
    };
    "/api/v1/customers/{id}/bad-experiences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's bad experiences, open ones first */
        get: operations["get/api/v1/customers/{id}/bad-experiences"];
        put?: never;
        /** Record a bad experience for the customer (interactions create level) */
        post: operations["post/api/v1/customers/{id}/bad-experiences"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Current consent per channel and purpose, with its full history */
        get: operations["get/api/v1/customers/{id}/consent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's health score, churn risk, the reasons and bad experiences */
        get: operations["get/api/v1/customers/{id}/health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's own change history from the audit trail, newest first */
        get: operations["get/api/v1/customers/{id}/history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/interactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log an interaction on the customer's timeline (Idempotency-Key honoured) */
        post: operations["post/api/v1/customers/{id}/interactions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/interactions/{interaction}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One entry of the customer's timeline (404 when it is not this customer's, or not readable) */
        get: operations["get/api/v1/customers/{id}/interactions/{interaction}"];
        put?: never;
        post?: never;
        /** Remove an entry from the customer's timeline (interactions delete level) */
        delete: operations["delete/api/v1/customers/{id}/interactions/{interaction}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/loyalty": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's points: balance, pending, debt and history (newest first; ?programme=&limit=&cursor=) */
        get: operations["get/api/v1/customers/{id}/loyalty"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/loyalty/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Adjust the balance up or down with a reason: {points, reason, programme?} (loyalty edit, the permission of its own) */
        post: operations["post/api/v1/customers/{id}/loyalty/adjustments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/loyalty/card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's loyalty card as the customer may see it (for a shop's server, e.g. a `shop` role's token; ?programme=) */
        get: operations["get/api/v1/customers/{id}/loyalty/card"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/loyalty/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Grant goodwill points, available at once: {points, reason?, programme?} (loyalty create) */
        post: operations["post/api/v1/customers/{id}/loyalty/grants"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/loyalty/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Spend available points, oldest expiry first: {points, reward?, programme?} (loyalty create) */
        post: operations["post/api/v1/customers/{id}/loyalty/redemptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/loyalty/referral": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's referral code and link (made the first time it is asked for), who referred them, and the customers they referred with their states (loyalty read) */
        get: operations["get/api/v1/customers/{id}/loyalty/referral"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/loyalty/reward-redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Buy a reward with the customer's points: {reward_id}; spends the points (oldest expiry first) and issues a single-use voucher, in one transaction (loyalty create; Idempotency-Key honoured) */
        post: operations["post/api/v1/customers/{id}/loyalty/reward-redemptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/loyalty/stamp-cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's stamp cards: stamps on the open card, stamp debt, cards filled and their vouchers (loyalty read) */
        get: operations["get/api/v1/customers/{id}/loyalty/stamp-cards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/loyalty/vouchers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The vouchers issued to the customer, newest first (loyalty read) */
        get: operations["get/api/v1/customers/{id}/loyalty/vouchers"];
        put?: never;
        /** Issue the customer a single-use voucher only they may use: {value, currency?, min_order?, scope?, expires_at?, combinable?, return_on_cancel?, name?, note?} (loyalty create; Idempotency-Key honoured) */
        post: operations["post/api/v1/customers/{id}/loyalty/vouchers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's orders, newest first */
        get: operations["get/api/v1/customers/{id}/orders"];
        put?: never;
        /** Place an order for the customer; totals are computed from the lines (Idempotency-Key honoured: a retried order is counted once) */
        post: operations["post/api/v1/customers/{id}/orders"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer-360: profile, company, consent, contact counts, latest timeline, and the customer's value */
        get: operations["get/api/v1/customers/{id}/overview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/payment-methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's saved payment methods (sensitive: hidden from some roles) */
        get: operations["get/api/v1/customers/{id}/payment-methods"];
        put?: never;
        /** Save a payment method: {type, processor_token, brand?, last4?, exp_month?, exp_year?, billing_address?, is_default?} — never a card number */
        post: operations["post/api/v1/customers/{id}/payment-methods"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/payment-methods/{method}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a payment method (the oldest remaining one becomes the default) */
        delete: operations["delete/api/v1/customers/{id}/payment-methods/{method}"];
        options?: never;
        head?: never;
        /** Replace a payment method's token, expiry, billing address or default flag (If-Match honoured) */
        patch: operations["patch/api/v1/customers/{id}/payment-methods/{method}"];
        trace?: never;
    };
    "/api/v1/customers/{id}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's payments, newest first */
        get: operations["get/api/v1/customers/{id}/payments"];
        put?: never;
        /** Record a payment: {amount, currency, method, status, processor_reference?, occurred_at?, order_id?} (Idempotency-Key honoured) */
        post: operations["post/api/v1/customers/{id}/payments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's tickets, newest change first (for the customer page) */
        get: operations["get/api/v1/customers/{id}/tickets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's timeline, newest first; filter by channel and kind */
        get: operations["get/api/v1/customers/{id}/timeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/value": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the customer is worth: orders, total spent, average order, first and last purchase, favourite category, lifetime value */
        get: operations["get/api/v1/customers/{id}/value"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create or upsert up to 1000 customers, with a result per record */
        post: operations["post/api/v1/customers/batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Search customers with a filter tree (docs/design/filters.md) */
        post: operations["post/api/v1/customers/search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The domain event feed in commit order (after=<seq>, limit); administrators only, since events carry record fields unredacted; 422 when after is older than the feed's window */
        get: operations["get/api/v1/events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My export jobs, newest first (administrators: everyone's); with ?object=... the export itself, at once, up to 10,000 records */
        get: operations["get/api/v1/exports"];
        put?: never;
        /** Start an export job: {object, format: csv | ndjson | vcard, filter?, q?, customer_id?, neutralise_formulas?} → 202 + job */
        post: operations["post/api/v1/exports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An export's status, record counts and progress (percent) */
        get: operations["get/api/v1/exports/{id}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The finished export's file (409 until the job has completed) */
        get: operations["get/api/v1/exports/{id}/file"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feedback/themes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** You said, we did: each theme with its answers per week (?from=&to=) and what was done, most mentioned first */
        get: operations["get/api/v1/feedback/themes"];
        put?: never;
        /** Name a theme: {name, keywords?, we_did?}; its keywords tag the last year's answers at once and every answer from now on */
        post: operations["post/api/v1/feedback/themes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feedback/themes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a theme and its tags */
        delete: operations["delete/api/v1/feedback/themes/{id}"];
        options?: never;
        head?: never;
        /** Change a theme (If-Match honoured): new keywords re-tag; we_did records what was done */
        patch: operations["patch/api/v1/feedback/themes/{id}"];
        trace?: never;
    };
    "/api/v1/health/at-risk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customers by health, lowest first (risk=high|medium|low, owner=me, limit, cursor) */
        get: operations["get/api/v1/health/at-risk"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health/distribution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customers per churn risk, per day over the last `days` (default 90), and now */
        get: operations["get/api/v1/health/distribution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The health rules and weights (administrators) */
        get: operations["get/api/v1/health/settings"];
        /** Change the health rules and weights; every customer is re-scored (If-Match) */
        put: operations["put/api/v1/health/settings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/home/upcoming-dates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Birthdays and renewals (the date custom field renewal_date) of my customers in the next ?days=14 (1-60), soonest first (customers read; record access) */
        get: operations["get/api/v1/home/upcoming-dates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My imports, newest first (administrators: everyone's) */
        get: operations["get/api/v1/imports"];
        put?: never;
        /** Upload a CSV or vCard file to import (body: the file; query: object, mode, match, dry_run, atomic, format, mapping, delimiter) → 202 + job */
        post: operations["post/api/v1/imports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An import's status, counts and progress (percent) */
        get: operations["get/api/v1/imports/{id}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The error report as CSV: row, line, column, value, reason */
        get: operations["get/api/v1/imports/{id}/errors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}/revert": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remove the records the import created (those changed since are kept) */
        post: operations["post/api/v1/imports/{id}/revert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kb/articles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Articles without their bodies, newest change first: ?status=, category_id=, language=, q= (title contains), limit=, offset= */
        get: operations["get/api/v1/kb/articles"];
        put?: never;
        /** Write an article (a draft unless status says otherwise; publishing needs knowledge_base edit; Idempotency-Key honoured) */
        post: operations["post/api/v1/kb/articles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kb/articles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An article with its Markdown and rendered HTML (ETag) */
        get: operations["get/api/v1/kb/articles/{id}"];
        put?: never;
        post?: never;
        /** Delete an article and its revisions (If-Match honoured) */
        delete: operations["delete/api/v1/kb/articles/{id}"];
        options?: never;
        head?: never;
        /** Change an article; every save is a revision (If-Match honoured) */
        patch: operations["patch/api/v1/kb/articles/{id}"];
        trace?: never;
    };
    "/api/v1/kb/articles/{id}/revisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The article's saved revisions, newest first */
        get: operations["get/api/v1/kb/articles/{id}/revisions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kb/articles/{id}/revisions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One saved revision of the article */
        get: operations["get/api/v1/kb/articles/{id}/revisions/{version}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kb/articles/{id}/revisions/{version}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Save the revision's content as the article's next version (its status stays; If-Match honoured) */
        post: operations["post/api/v1/kb/articles/{id}/revisions/{version}/restore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kb/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every category, by position */
        get: operations["get/api/v1/kb/categories"];
        put?: never;
        /** Create a category (knowledge_base edit) */
        post: operations["post/api/v1/kb/categories"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kb/categories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A category (ETag) */
        get: operations["get/api/v1/kb/categories/{id}"];
        put?: never;
        post?: never;
        /** Delete a category without articles (knowledge_base delete) */
        delete: operations["delete/api/v1/kb/categories/{id}"];
        options?: never;
        head?: never;
        /** Change a category (knowledge_base edit; If-Match honoured) */
        patch: operations["patch/api/v1/kb/categories/{id}"];
        trace?: never;
    };
    "/api/v1/kb/render": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render Markdown exactly as saving an article would: {body} -> {html, text} */
        post: operations["post/api/v1/kb/render"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kb/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search articles (BM25, stemmed, synonyms, prefix on the last word): q=, language= (default en), limit= (≤50), status=published|any, prefix=true|false */
        get: operations["get/api/v1/kb/search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kb/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public help center's title, logo and colours */
        get: operations["get/api/v1/kb/settings"];
        /** Replace the help center's settings (administrators; If-Match honoured) */
        put: operations["put/api/v1/kb/settings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kb/synonyms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The synonym list search applies at query time */
        get: operations["get/api/v1/kb/synonyms"];
        /** Replace the synonym list (administrators; If-Match honoured) */
        put: operations["put/api/v1/kb/synonyms"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/loyalty/programmes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every loyalty programme, oldest first (loyalty_programmes read) */
        get: operations["get/api/v1/loyalty/programmes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/loyalty/programmes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One loyalty programme with its earn rules */
        get: operations["get/api/v1/loyalty/programmes/{id}"];
        /** Create (201) or replace a loyalty programme; If-Match honoured */
        put: operations["put/api/v1/loyalty/programmes/{id}"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/loyalty/programmes/{id}/replays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The programme's replays, newest first (at most 20), with progress */
        get: operations["get/api/v1/loyalty/programmes/{id}/replays"];
        put?: never;
        /** Award the programme's points for past orders, as if it had run: {since?, batch_size?}; runs in the background, an order never earns twice (loyalty programmes edit; GET it for progress) */
        post: operations["post/api/v1/loyalty/programmes/{id}/replays"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/loyalty/programmes/{id}/replays/{replay_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One replay: status, orders done of total and the whole percent */
        get: operations["get/api/v1/loyalty/programmes/{id}/replays/{replay_id}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/loyalty/programmes/{id}/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The programme's figures per period (?from=&to=&interval=month|quarter|year&point_value=0.01): members, active members, points issued, reversed, adjusted, redeemed and expired, liability at each period's end in points and money, redemption rate, qualifying tiers as of each period's end, voucher usage (loyalty read; members of readable customers only) */
        get: operations["get/api/v1/loyalty/programmes/{id}/reports"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/loyalty/programmes/{id}/tiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The programme's tiers: basis, window, grace days and the tiers with their benefits (loyalty read) */
        get: operations["get/api/v1/loyalty/programmes/{id}/tiers"];
        /** Replace the programme's tiers (loyalty_programmes edit); members move at their next earning (up) or period end (down) */
        put: operations["put/api/v1/loyalty/programmes/{id}/tiers"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/loyalty/referral-stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Referral statistics: by state, refusals by signal, referred and rewarded per month for a year, conversion (loyalty read) */
        get: operations["get/api/v1/loyalty/referral-stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/loyalty/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Referrals newest first, ?state= (refused: with the fraud signal named, to review) &limit= (loyalty read) */
        get: operations["get/api/v1/loyalty/referrals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/loyalty/rewards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rewards catalogue: rewards bought with points; with ?customer_id= each says whether that customer may buy it now (available, unavailable_reason: tier, stock, offer) (loyalty read) */
        get: operations["get/api/v1/loyalty/rewards"];
        put?: never;
        /** Add a reward: {programme, name, points, stock?, per_customer_limit?, valid_days?, value, ...} (loyalty_programmes create; Idempotency-Key honoured) */
        post: operations["post/api/v1/loyalty/rewards"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/loyalty/rewards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a reward's name, points, stock (null: unlimited) or active flag (loyalty_programmes edit; If-Match honoured) */
        patch: operations["patch/api/v1/loyalty/rewards/{id}"];
        trace?: never;
    };
    "/api/v1/loyalty/stamp-cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stamp cards (buy N, get one free), by name (loyalty read) */
        get: operations["get/api/v1/loyalty/stamp-cards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/loyalty/stamp-cards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create (201) or replace a stamp card: {name, stamps_required, per: order|item, products?, categories?, reward_product_id, valid_days?, active?} (loyalty_programmes create/edit; If-Match honoured) */
        put: operations["put/api/v1/loyalty/stamp-cards/{id}"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/loyalty/voucher-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Voucher batches, newest first, with their uses (loyalty_programmes read) */
        get: operations["get/api/v1/loyalty/voucher-batches"];
        put?: never;
        /** Generate single-use codes in bulk ({kind: bulk, count ≤ 10000}) or create one shared code with a usage limit ({kind: shared, code, max_uses}), with their rules (loyalty_programmes create; Idempotency-Key honoured) */
        post: operations["post/api/v1/loyalty/voucher-batches"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/loyalty/voucher-batches/{id}/codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The batch's codes as CSV: code, max_uses, uses, customer_id (loyalty_programmes edit; audited) */
        get: operations["get/api/v1/loyalty/voucher-batches/{id}/codes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This API's OpenAPI 3.1 document */
        get: operations["get/api/v1/openapi.json"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Place an order: the same as /customers/{id}/orders with customer_id in the body */
        post: operations["post/api/v1/orders"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One order with its lines and refunds (ETag) */
        get: operations["get/api/v1/orders/{id}"];
        put?: never;
        post?: never;
        /** Remove an order entered by mistake, with its timeline entries and its share of the customer's value (customers delete level; If-Match honoured) */
        delete: operations["delete/api/v1/orders/{id}"];
        options?: never;
        head?: never;
        /** Move an order to paid, fulfilled or cancelled, or change its notes (If-Match) */
        patch: operations["patch/api/v1/orders/{id}"];
        trace?: never;
    };
    "/api/v1/orders/{id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund part or all of an order: {amount, reason?} (Idempotency-Key honoured) */
        post: operations["post/api/v1/orders/{id}/refunds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The catalogue by name; q matches name or SKU; include_inactive=true */
        get: operations["get/api/v1/products"];
        put?: never;
        /** Add a product: {sku, name, category?, price, currency, active?} (administrators only) */
        post: operations["post/api/v1/products"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One product (ETag) */
        get: operations["get/api/v1/products/{id}"];
        put?: never;
        post?: never;
        /** Delete a product; order lines that sold it keep its SKU and description (administrators only; If-Match honoured) */
        delete: operations["delete/api/v1/products/{id}"];
        options?: never;
        head?: never;
        /** Change a product's name, category, price, currency or active flag (administrators only; If-Match honoured) */
        patch: operations["patch/api/v1/products/{id}"];
        trace?: never;
    };
    "/api/v1/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every queue, by name */
        get: operations["get/api/v1/queues"];
        put?: never;
        /** Create a queue (queues create level; Idempotency-Key honoured) */
        post: operations["post/api/v1/queues"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queues/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a queue (ETag) */
        get: operations["get/api/v1/queues/{id}"];
        put?: never;
        post?: never;
        /** Delete a queue that holds no tickets (queues edit level; If-Match honoured) */
        delete: operations["delete/api/v1/queues/{id}"];
        options?: never;
        head?: never;
        /** Change a queue (queues edit level; If-Match honoured) */
        patch: operations["patch/api/v1/queues/{id}"];
        trace?: never;
    };
    "/api/v1/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reviews, newest first (?status=&product_id=&customer_id=&source=&rating=&limit=&cursor=); only those of customers the caller may read */
        get: operations["get/api/v1/reviews"];
        put?: never;
        /** Record a review: {customer_id, rating, source, title?, text?, product_id?, source_url?, language?, status?}; `verified` is computed, never accepted (Idempotency-Key honoured) */
        post: operations["post/api/v1/reviews"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A review (ETag) */
        get: operations["get/api/v1/reviews/{id}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Moderate or reply: {status?: pending|published|rejected, reason? (required to reject), reply?: text|null} (If-Match honoured) */
        patch: operations["patch/api/v1/reviews/{id}"];
        trace?: never;
    };
    "/api/v1/reviews/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask a customer for a review: {customer_id, order_id?, product_id?, language?, delivery?: link|email, expires_in_days?}; a throttled, unconsented or unmailable ask is recorded with its status and no link */
        post: operations["post/api/v1/reviews/requests"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The review settings: the automatic request after fulfilment */
        get: operations["get/api/v1/reviews/settings"];
        /** Change the review settings: {auto_request_days?: 0-365|null, expires_in_days?} (If-Match) */
        put: operations["put/api/v1/reviews/settings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published reviews' count, average and 1-5 distribution (?product_id=; none: reviews of the business) */
        get: operations["get/api/v1/reviews/stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every role: the six built-in ones, then those admins defined */
        get: operations["get/api/v1/roles"];
        put?: never;
        /** Define a role: grants per object and action, hidden and read-only fields (administrators only) */
        post: operations["post/api/v1/roles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One role (ETag for defined roles) */
        get: operations["get/api/v1/roles/{name}"];
        put?: never;
        post?: never;
        /** Delete a defined role no user holds (administrators only) */
        delete: operations["delete/api/v1/roles/{name}"];
        options?: never;
        head?: never;
        /** Change a defined role's description, grants or fields; each given part is replaced whole (administrators only; If-Match honoured) */
        patch: operations["patch/api/v1/roles/{name}"];
        trace?: never;
    };
    "/api/v1/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is who among staff, for every signed-in caller: id, name, teams, status (to show owners by name and assign records) */
        get: operations["get/api/v1/staff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/support/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every active staff user: availability for round robin, open tickets */
        get: operations["get/api/v1/support/agents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/support/agents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set an agent's availability (administrators only) */
        put: operations["put/api/v1/support/agents/{id}"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/support/agents/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's own availability */
        get: operations["get/api/v1/support/agents/me"];
        /** Say whether the caller takes new tickets ({available}) */
        put: operations["put/api/v1/support/agents/me"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/support/calendars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every business calendar, by name */
        get: operations["get/api/v1/support/calendars"];
        put?: never;
        /** Create a business calendar (administrators only; Idempotency-Key honoured) */
        post: operations["post/api/v1/support/calendars"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/support/calendars/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a business calendar (ETag) */
        get: operations["get/api/v1/support/calendars/{id}"];
        put?: never;
        post?: never;
        /** Delete a business calendar no queue uses (administrators only; If-Match honoured) */
        delete: operations["delete/api/v1/support/calendars/{id}"];
        options?: never;
        head?: never;
        /** Change a business calendar (administrators only; If-Match honoured; top-level fields replaced) */
        patch: operations["patch/api/v1/support/calendars/{id}"];
        trace?: never;
    };
    "/api/v1/support/canned-replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every canned reply, by name */
        get: operations["get/api/v1/support/canned-replies"];
        put?: never;
        /** Create a canned reply (administrators only; Idempotency-Key honoured) */
        post: operations["post/api/v1/support/canned-replies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/support/canned-replies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a canned reply (ETag) */
        get: operations["get/api/v1/support/canned-replies/{id}"];
        put?: never;
        post?: never;
        /** Delete a canned reply no queue uses (administrators only; If-Match honoured) */
        delete: operations["delete/api/v1/support/canned-replies/{id}"];
        options?: never;
        head?: never;
        /** Change a canned reply (administrators only; If-Match honoured; top-level fields replaced) */
        patch: operations["patch/api/v1/support/canned-replies/{id}"];
        trace?: never;
    };
    "/api/v1/support/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The desk's figures per day, queue and agent over the tickets the caller reads (from, to: dates, at most 366 days; queue_id, assignee_id, bucket=day) */
        get: operations["get/api/v1/support/reports"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/support/routing-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every routing rule, by name */
        get: operations["get/api/v1/support/routing-rules"];
        put?: never;
        /** Create a routing rule (administrators only; Idempotency-Key honoured) */
        post: operations["post/api/v1/support/routing-rules"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/support/routing-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a routing rule (ETag) */
        get: operations["get/api/v1/support/routing-rules/{id}"];
        put?: never;
        post?: never;
        /** Delete a routing rule no queue uses (administrators only; If-Match honoured) */
        delete: operations["delete/api/v1/support/routing-rules/{id}"];
        options?: never;
        head?: never;
        /** Change a routing rule (administrators only; If-Match honoured; top-level fields replaced) */
        patch: operations["patch/api/v1/support/routing-rules/{id}"];
        trace?: never;
    };
    "/api/v1/support/sla-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every SLA policy, by name */
        get: operations["get/api/v1/support/sla-policies"];
        put?: never;
        /** Create a SLA policy (administrators only; Idempotency-Key honoured) */
        post: operations["post/api/v1/support/sla-policies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/support/sla-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a SLA policy (ETag) */
        get: operations["get/api/v1/support/sla-policies/{id}"];
        put?: never;
        post?: never;
        /** Delete a SLA policy no queue uses (administrators only; If-Match honoured) */
        delete: operations["delete/api/v1/support/sla-policies/{id}"];
        options?: never;
        head?: never;
        /** Change a SLA policy (administrators only; If-Match honoured; top-level fields replaced) */
        patch: operations["patch/api/v1/support/sla-policies/{id}"];
        trace?: never;
    };
    "/api/v1/survey-answers/{id}/themes/{theme_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Tag a completed answer with a theme (staff) */
        put: operations["put/api/v1/survey-answers/{id}/themes/{theme_id}"];
        post?: never;
        /** Take a theme off an answer */
        delete: operations["delete/api/v1/survey-answers/{id}/themes/{theme_id}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every survey, by name */
        get: operations["get/api/v1/surveys"];
        put?: never;
        /** Define a survey: {name, kind: nps|csat|ces|custom, purpose?, questions?} (Idempotency-Key honoured) */
        post: operations["post/api/v1/surveys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A survey with its current version's questions (ETag) */
        get: operations["get/api/v1/surveys/{id}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a survey (If-Match honoured); new questions after the first answer make a new version */
        patch: operations["patch/api/v1/surveys/{id}"];
        trace?: never;
    };
    "/api/v1/surveys/{id}/answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Completed answers, newest first, with comment, sentiment and themes (?q= searches comments, ?theme= keeps one theme's) */
        get: operations["get/api/v1/surveys/{id}/answers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/{id}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A survey's invitations, newest first (at most 500) */
        get: operations["get/api/v1/surveys/{id}/invitations"];
        put?: never;
        /** Invite one customer: {customer_id, delivery?: link|email, language?, about?, expires_in_days?}; a throttled or refused ask is recorded with its status */
        post: operations["post/api/v1/surveys/{id}/invitations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/{id}/open-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make (or replace) the survey's open link for anyone to answer: {link}, shown once; starts are limited per address */
        post: operations["post/api/v1/surveys/{id}/open-link"];
        /** Close the survey's open link */
        delete: operations["delete/api/v1/surveys/{id}/open-link"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Results: NPS with its 95 % interval or the average, response rate, trend by day, breakdown (?by=relationship_type|lifecycle_stage|queue|product_category, ?from=&to=, ?filter= a customer filter as JSON) */
        get: operations["get/api/v1/surveys/{id}/results"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/{id}/sends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A survey's sends to a filter, newest first (at most 100), with progress */
        get: operations["get/api/v1/surveys/{id}/sends"];
        put?: never;
        /** Send the survey by e-mail to every customer a filter selects: {filter, language?, expires_in_days?}; runs in the background (GET it for progress) */
        post: operations["post/api/v1/surveys/{id}/sends"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/{id}/sends/{send_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One send: status, progress (whole percent) and what became of each ask */
        get: operations["get/api/v1/surveys/{id}/sends/{send_id}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/{id}/sends/{send_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop a running send after its current batch */
        post: operations["post/api/v1/surveys/{id}/sends/{send_id}/cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version of a survey's questions, as answers given on it saw them */
        get: operations["get/api/v1/surveys/{id}/versions/{version}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tasks by due time: assignee (me or a user id), due (today, overdue, upcoming; day_end names the end of the caller's today), customer_id, status */
        get: operations["get/api/v1/tasks"];
        put?: never;
        /** Create a task, assigned to the caller unless assignee_id names another member of staff (Idempotency-Key honoured) */
        post: operations["post/api/v1/tasks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a task (ETag) */
        get: operations["get/api/v1/tasks/{id}"];
        put?: never;
        post?: never;
        /** Delete a task (If-Match honoured) */
        delete: operations["delete/api/v1/tasks/{id}"];
        options?: never;
        head?: never;
        /** Change a task: complete (status done, outcome, notify_customer?), cancel, reopen, reassign, reschedule, relink (If-Match honoured) */
        patch: operations["patch/api/v1/tasks/{id}"];
        trace?: never;
    };
    "/api/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Teams of staff, with member counts */
        get: operations["get/api/v1/teams"];
        put?: never;
        /** Create a team (administrators only) */
        post: operations["post/api/v1/teams"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One team (ETag) */
        get: operations["get/api/v1/teams/{id}"];
        put?: never;
        post?: never;
        /** Delete a team; its members stay, without it (administrators only) */
        delete: operations["delete/api/v1/teams/{id}"];
        options?: never;
        head?: never;
        /** Rename a team (administrators only; If-Match honoured) */
        patch: operations["patch/api/v1/teams/{id}"];
        trace?: never;
    };
    "/api/v1/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tickets, newest change first; q is a number (#1042) or words of the subject */
        get: operations["get/api/v1/tickets"];
        put?: never;
        /** Open a ticket for a customer, matched or created by the requester's address (Idempotency-Key honoured) */
        post: operations["post/api/v1/tickets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a ticket (ETag) */
        get: operations["get/api/v1/tickets/{id}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a ticket's subject, status, priority, type, queue, assignee, tags, followers or custom fields (If-Match honoured) */
        patch: operations["patch/api/v1/tickets/{id}"];
        trace?: never;
    };
    "/api/v1/tickets/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a file to a ticket (body: the file; ?name= or X-File-Name: its name); a following message names it in attachment_ids */
        post: operations["post/api/v1/tickets/{id}/attachments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}/canned-replies/{reply}/render": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A canned reply filled in for this ticket: {body (plain text), actions} */
        post: operations["post/api/v1/tickets/{id}/canned-replies/{reply}/render"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Merge this ticket into another of the same customer; answers the target (If-Match: this ticket's version) */
        post: operations["post/api/v1/tickets/{id}/merge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ticket's conversation, oldest first, internal notes included */
        get: operations["get/api/v1/tickets/{id}/messages"];
        put?: never;
        /** Reply or write an internal note; If-Match carries the version the agent saw (412 when the ticket changed meanwhile); Idempotency-Key honoured */
        post: operations["post/api/v1/tickets/{id}/messages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}/messages/{message}/split": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a message to a new ticket linked to this one (Idempotency-Key honoured) */
        post: operations["post/api/v1/tickets/{id}/messages/{message}/split"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many readable tickets each inbox view holds: mine and unassigned (unsolved), pending, unsolved, all */
        get: operations["get/api/v1/tickets/counts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Search tickets with a filter tree (docs/design/support.md) */
        post: operations["post/api/v1/tickets/search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My API tokens (administrators: everyone's); never their secrets */
        get: operations["get/api/v1/tokens"];
        put?: never;
        /** Create an API token of my own: {name, expires_at?, scopes?}; the secret is in this response only */
        post: operations["post/api/v1/tokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of my tokens (administrators: anyone's) by id or prefix */
        delete: operations["delete/api/v1/tokens/{id}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Staff accounts (administrators only) */
        get: operations["get/api/v1/users"];
        put?: never;
        /** Create a staff account (administrators only); without a password one is generated and returned once as initial_password */
        post: operations["post/api/v1/users"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One staff account (administrators only) */
        get: operations["get/api/v1/users/{id}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a staff account's name, roles or status (administrators only) */
        patch: operations["patch/api/v1/users/{id}"];
        trace?: never;
    };
    "/api/v1/views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My saved views and those shared with everyone (object=customers|companies|tickets) */
        get: operations["get/api/v1/views"];
        put?: never;
        /** Save a view: {object_type, name, shared?, definition} */
        post: operations["post/api/v1/views"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/views/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete one of my views (administrators: any) */
        delete: operations["delete/api/v1/views/{id}"];
        options?: never;
        head?: never;
        /** Rename, share or change one of my views (If-Match honoured) */
        patch: operations["patch/api/v1/views/{id}"];
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["get/healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/help": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The help center's home: categories and their articles (HTML) */
        get: operations["get/help"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/help/articles/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A published article (HTML) */
        get: operations["get/help/articles/{slug}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/help/articles/{slug}/vote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Was this article helpful? {helpful: yes|no}, as a form or JSON; rate-limited per address */
        post: operations["post/help/articles/{slug}/vote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/help/assets/help.css": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The help center's stylesheet */
        get: operations["get/help/assets/help.css"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/help/assets/search.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The help center's search-as-you-type script */
        get: operations["get/help/assets/search.js"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/help/categories/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A help center category (HTML) */
        get: operations["get/help/categories/{slug}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/help/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the help center (HTML, works without JavaScript) */
        get: operations["get/help/search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/help/search.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search as you type: {data: [{title, url, passage}]} for ?q=&lang= */
        get: operations["get/help/search.json"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/help/theme.css": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The help center's colours (from its settings) */
        get: operations["get/help/theme.css"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text format): requests and latency per route, commits, outbox lag, jobs, connections, memory; administrators only */
        get: operations["get/metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/loyalty/card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The signed-in customer's loyalty card for a shop, without a login: {identity: {jwt} | {customer_id, hash}, programme?}, signed with the chat identity secret */
        post: operations["post/public/loyalty/card"];
        delete?: never;
        /** CORS preflight: an allowed website's page may POST a JSON card request */
        options: operations["options/public/loyalty/card"];
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/ratings/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rating page of a solved ticket (HTML; the signed link in the rating mail) */
        get: operations["get/public/ratings/{token}"];
        put?: never;
        /** Record the rating of a solved ticket: {score: good|bad, comment?}, as JSON or a form; once per ticket */
        post: operations["post/public/ratings/{token}"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published reviews for shop pages, newest first, with the product's stats (?product_id=&limit=&cursor=; ETag; no customer data beyond a first name) */
        get: operations["get/public/reviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/reviews/widget": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The newest published reviews and the stats as a small HTML page for an iframe on a shop page (?product_id=) */
        get: operations["get/public/reviews/widget"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/support": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The hosted support request form (HTML, works without JavaScript) */
        get: operations["get/public/support"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/support/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a support request (JSON or a form): opens a ticket (channel web_form) and mails a confirmation */
        post: operations["post/public/support/requests"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/r/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The review page of a request (HTML, or JSON with Accept: application/json) */
        get: operations["get/r/{token}"];
        put?: never;
        /** Write the request's review: {rating, title?, text?} as JSON or a form; one review per link, pending until staff publish it */
        post: operations["post/r/{token}"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: storage open and not draining */
        get: operations["get/readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/s/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The survey page of an invitation (HTML, or JSON with Accept: application/json): the next question, or the thanks */
        get: operations["get/s/{token}"];
        put?: never;
        /** Answer the current question: {question, answer} as JSON or a form; saved at once; the last answer completes the survey */
        post: operations["post/s/{token}"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/s/o/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A survey's open link: the start page (HTML, or JSON {survey_name, ticket}) */
        get: operations["get/s/o/{token}"];
        put?: never;
        /** Start an answer from the open link with the start page's ticket (form or JSON {ticket}): 303 to the answer's own page (JSON: {path}) */
        post: operations["post/s/o/{token}"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/widget/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The chat widget's upload to the visitor's open conversation (body: the file; ?name=, ?visitor_token=; an allowed Origin) */
        post: operations["post/widget/files"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/widget/files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A file of the visitor's own conversation (?visitor_token=; an allowed Origin); anything else is 404 */
        get: operations["get/widget/files/{id}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Access: {
            admin: boolean;
            /** @description object -> field -> rule (fields not named are visible) */
            fields: {
                [key: string]: {
                    [key: string]: "hidden" | "read_only";
                };
            };
            /** @description object -> action -> level */
            grants: {
                [key: string]: {
                    [key: string]: components["schemas"]["AccessLevel"];
                };
            };
        };
        /** @enum {unknown} */
        AccessLevel: "all" | "team" | "own" | "none";
        Address: {
            city?: string;
            country?: string;
            label?: string;
            line1?: string;
            line2?: string;
            postal_code?: string;
            region?: string;
        };
        Agent: {
            available: boolean;
            name: string;
            /** @description new, open, pending or on hold, assigned to them */
            open_tickets: number;
            user_id: string;
        };
        AgentAvailability: {
            available: boolean;
        };
        AgentList: {
            data: components["schemas"]["Agent"][];
            next_cursor: null;
        };
        AtRiskCustomer: {
            customer_id: string;
            display_name: string;
            owner_id: string | null;
            reason: string | null;
            /** @enum {unknown} */
            risk: "low" | "medium" | "high";
            score: number;
        };
        AtRiskPage: {
            data: components["schemas"]["AtRiskCustomer"][];
            next_cursor: string | null;
        };
        AuditEntry: {
            /** @enum {unknown} */
            action: "create" | "update" | "delete";
            actor: string;
            changes: {
                field: string;
                new: unknown;
                old: unknown;
            }[];
            object_id: string;
            object_type: string;
            /** Format: date-time */
            occurred_at: string;
            request_id?: string | null;
            seq: number;
            /** @enum {unknown} */
            via: "api" | "cli" | "import" | "system";
        };
        AuditPage: {
            data: components["schemas"]["AuditEntry"][];
            next_cursor: string | null;
        };
        BadExperience: {
            /** @enum {unknown} */
            cause: "staff" | "sla_breach" | "ticket_reopened" | "detractor" | "low_csat" | "low_rating" | "negative_review" | "negative_comment" | "negative_contact" | "refund" | "order_cancelled";
            customer_id: string;
            follow_up_task_id?: string | null;
            /** @description the ticket its follow-up opened in the chosen queue */
            follow_up_ticket_id?: string | null;
            id: string;
            occurred_at: string;
            outcome?: string | null;
            recorded_by?: string | null;
            resolved_at?: string | null;
            resolved_by?: string | null;
            source?: string | null;
            /** @enum {unknown} */
            state: "open" | "recovered" | "lost";
            summary: string;
            version: number;
        };
        BadExperienceInput: {
            /** Format: date-time */
            occurred_at?: string;
            summary: string;
        };
        BadExperienceList: {
            data: components["schemas"]["BadExperience"][];
        };
        BadExperienceResolve: {
            outcome?: string;
            /** @enum {unknown} */
            state: "open" | "recovered" | "lost";
        };
        BatchResult: {
            created?: number;
            failed?: number;
            results?: {
                errors?: unknown[];
                id?: string;
                index?: number;
                /** @enum {unknown} */
                status?: "created" | "updated" | "error";
            }[];
            updated?: number;
        };
        BusinessCalendar: {
            created_at?: string;
            id: string;
            updated_at?: string;
            version: number;
        } & WithRequired<components["schemas"]["BusinessCalendarInput"], "name" | "time_zone" | "week" | "holidays">;
        /** @description name plus the calendar JSON of docs/design/sla.md */
        BusinessCalendarInput: {
            holidays?: {
                closed_from?: string;
                closed_until?: string;
                /** Format: date */
                date: string;
                name?: string;
            }[];
            name?: string;
            /** @description IANA zone, e.g. Europe/Berlin */
            time_zone?: string;
            /** @description monday..sunday: lists of {start, end} as HH:MM; end 24:00 is midnight */
            week?: Record<string, never>;
        };
        BusinessCalendarList: {
            data: components["schemas"]["BusinessCalendar"][];
            next_cursor: null;
        };
        CannedReply: {
            created_at?: string;
            id: string;
            owner_id: string | null;
            updated_at?: string;
            version: number;
        } & WithRequired<components["schemas"]["CannedReplyInput"], "name" | "shared" | "body" | "actions">;
        CannedReplyInput: {
            actions?: {
                add_tags?: string[];
                /** @enum {unknown} */
                priority?: "low" | "normal" | "high" | "urgent";
                /** @enum {unknown} */
                status?: "open" | "pending" | "on_hold" | "solved";
            };
            /** @description plain text with merge fields: {{customer.first_name}}, {{customer.last_name}}, {{customer.name}}, {{ticket.number}}, {{ticket.subject}}, {{ticket.status}}, {{ticket.priority}}, {{agent.name}}, {{agent.email}} */
            body?: string;
            name?: string;
            /** @description shared (administrators write them) or the caller's own (default) */
            shared?: boolean;
        };
        CannedReplyList: {
            data: components["schemas"]["CannedReply"][];
            next_cursor: null;
        };
        CannedReplyRendering: {
            /** @description for the composer to apply with the reply */
            actions: Record<string, never>;
            /** @description plain text: show as text, never as HTML */
            body: string;
        };
        ChatBotFlow: {
            id: string;
            label: string;
            steps: {
                buttons?: components["schemas"]["ChatBotFlowButton"][];
                id: string;
                text: string;
            }[];
        };
        ChatBotFlowButton: {
            /** @enum {unknown} */
            action?: "human" | "orders" | "article";
            /** @description the article's slug, for action article */
            article?: string;
            label: string;
            /** @description a step of the same flow */
            next?: string;
        };
        ChatBotSettings: {
            flows: components["schemas"]["ChatBotFlow"][];
            human_only_topics: string[];
            updated_at: string;
            version: number;
        };
        ChatBotSettingsInput: {
            flows?: components["schemas"]["ChatBotFlow"][];
            human_only_topics?: string[];
        };
        ChatConversation: {
            accepted_at: string | null;
            agent_read_seq: number;
            assignee_id: string | null;
            /** @description typed by the visitor: a claim, never used to join a customer */
            claimed_email: string | null;
            claimed_name: string | null;
            /** @description set only once the website verified the visitor */
            customer_id: string | null;
            ended_at: string | null;
            /**
             * @description why the bot handed the chat to a person
             * @enum {unknown}
             */
            handoff_reason?: "asked" | "unhelpful" | "negative" | "human_only" | null;
            id: string;
            last_seq: number;
            origin: string | null;
            page_url: string | null;
            queue_id: string | null;
            /** @enum {unknown} */
            rating: "good" | "bad" | null;
            rating_comment: string | null;
            started_at: string;
            /** @enum {unknown} */
            state: "bot" | "waiting" | "active" | "ended";
            ticket_id: string | null;
            updated_at: string;
            version: number;
            visitor_id: string;
            visitor_read_seq: number;
        };
        ChatConversationList: {
            data: components["schemas"]["ChatConversation"][];
            next_cursor: null;
        };
        ChatConversationWithMessages: {
            conversation: components["schemas"]["ChatConversation"];
            messages: components["schemas"]["ChatMessage"][];
            /** @description pass as ?after= for the next page; null at the end */
            next_after: number | null;
        };
        ChatConvert: {
            ticket_id?: string;
        };
        ChatFile: {
            id: string;
            /** @description made safe: never a path */
            name: string;
            size: number;
            /** @description sniffed from the bytes */
            type: string;
        };
        ChatMessage: {
            attachment_ids: string[];
            /** @description download: GET /api/v1/chat-files/{id} */
            attachments: components["schemas"]["ChatFile"][];
            author_id: string | null;
            /** @enum {unknown} */
            author_kind: "visitor" | "agent" | "bot" | "system";
            author_name: string | null;
            /** @description what the bot offered the visitor to press */
            buttons?: {
                label?: string;
                value?: string;
            }[];
            client_id: string | null;
            created_at: string;
            /** @description a bot answer's help-center article */
            link?: {
                title?: string;
                url?: string;
            };
            seq: number;
            /** @description plain text: show it as text, never as HTML; may be empty when the message sends files */
            text: string;
        };
        ChatRead: {
            seq: number;
        };
        /** @description text, or attachment_ids, or both */
        ChatReply: {
            /** @description the caller's uploads to this chat (POST /chats/{id}/files) not yet sent */
            attachment_ids?: string[];
            client_id?: string;
            text?: string;
        };
        ChatReplyResult: {
            conversation: components["schemas"]["ChatConversation"];
            message: components["schemas"]["ChatMessage"];
        };
        ChatSettings: {
            allowed_origins: string[];
            /** @enum {unknown} */
            bot_mode?: "off" | "always" | "offline";
            identity_secret: string;
            max_concurrent: number;
            queue_id: string | null;
            updated_at: string;
            version: number;
        };
        ChatSettingsInput: {
            allowed_origins?: string[];
            /**
             * @description when conversations start with the chatbot: never, always, or only when no person can take them
             * @enum {unknown}
             */
            bot_mode?: "off" | "always" | "offline";
            max_concurrent?: number;
            queue_id?: string | null;
            rotate_identity_secret?: boolean;
        };
        ChatTransfer: {
            assignee_id?: string;
            queue_id?: string;
        };
        Company: WithRequired<components["schemas"]["CompanyInput"], "name" | "domain" | "owner_id" | "tags" | "custom_fields"> & {
            created_at: string;
            id: string;
            updated_at: string;
            version: number;
        };
        CompanyInput: {
            address?: components["schemas"]["Address"] | null;
            custom_fields?: {
                [key: string]: unknown;
            };
            domain?: string | null;
            industry?: string | null;
            name: string;
            owner_id?: string | null;
            size?: string | null;
            tags?: string[];
        };
        CompanyPage: {
            data: components["schemas"]["Company"][];
            next_cursor: string | null;
        };
        /** @description channel (email, sms, phone) -> purpose (marketing, service) -> state */
        Consent: {
            [key: string]: {
                [key: string]: components["schemas"]["ConsentState"];
            };
        };
        ConsentHistory: {
            current: components["schemas"]["Consent"];
            history: {
                channel: string;
                purpose: string;
                /** Format: date-time */
                recorded_at: string;
                source: string | null;
                /** @enum {unknown} */
                status: "granted" | "denied" | "unknown";
                wording_version: string | null;
            }[];
        };
        ConsentState: {
            /** Format: date-time */
            recorded_at?: string | null;
            source?: string | null;
            /** @enum {unknown} */
            status?: "granted" | "denied" | "unknown";
            wording_version?: string | null;
        };
        Customer: WithRequired<components["schemas"]["CustomerInput"], "first_name" | "last_name" | "display_name" | "company_id" | "owner_id" | "lifecycle_stage" | "emails" | "phones" | "tags" | "custom_fields" | "consent"> & {
            /** Format: date-time */
            created_at: string;
            display_name: string;
            id: string;
            /** Format: date-time */
            updated_at: string;
            version: number;
        };
        CustomerBatch: {
            records: components["schemas"]["CustomerInput"][];
            /** @enum {unknown} */
            upsert_on?: "email" | "external_id";
        };
        /** @description all given must hold for the ticket's customer; a conditional policy overrides the queue's */
        CustomerConditions: {
            company_id?: string;
            customer_max_value?: components["schemas"]["CustomerValueBound"];
            customer_min_value?: components["schemas"]["CustomerValueBound"];
            customer_tag?: string;
            language?: string;
        };
        CustomerCreateInput: components["schemas"]["CustomerInput"] & {
            /** @description a referrer's code: links the new customer to them (docs/design/loyalty.md § Referrals); unknown: 422 at referral_code */
            referral_code?: string;
            /** @description the visitor's IP address as the shop saw it, for the network signal; stored only as a hash of its neighbourhood */
            referral_network?: string;
        };
        CustomerHealth: {
            bad_experiences: components["schemas"]["BadExperience"][];
            bad_experiences_open: number;
            customer_id: string;
            nps_last: number | null;
            reasons: components["schemas"]["HealthReason"][];
            /** @enum {unknown} */
            risk: "low" | "medium" | "high" | null;
            score: number | null;
            updated_at: string | null;
        };
        CustomerInput: {
            addresses?: components["schemas"]["Address"][];
            /** Format: date */
            birthday?: string | null;
            company_id?: string | null;
            consent?: components["schemas"]["Consent"];
            custom_fields?: {
                [key: string]: unknown;
            };
            display_name?: string | null;
            emails?: components["schemas"]["Email"][];
            external_id?: string | null;
            first_name?: string | null;
            language?: string | null;
            last_name?: string | null;
            /** @enum {unknown} */
            lifecycle_stage?: "lead" | "prospect" | "customer" | "churned";
            owner_id?: string | null;
            phones?: components["schemas"]["Phone"][];
            /** @enum {unknown} */
            preferred_channel?: "email" | "phone" | "chat" | "social" | "in_person" | "web" | "sms" | "other" | null;
            /** @enum {unknown} */
            relationship_type?: "transactional" | "long_term" | "self_service" | "personal_assistance" | "dedicated_assistance" | "automated" | "community" | "co_creation" | null;
            tags?: string[];
            time_zone?: string | null;
        };
        CustomerOverview: {
            company: components["schemas"]["Company"] | null;
            consent: components["schemas"]["Consent"];
            customer: components["schemas"]["Customer"];
            /** @description null when the caller may not read interactions */
            interaction_counts: {
                [key: string]: number;
            } | null;
            interaction_total: number | null;
            /** Format: date-time */
            last_contact_at: string | null;
            timeline: components["schemas"]["Interaction"][];
            /** @description when the caller may read orders */
            value?: components["schemas"]["CustomerValue"];
        };
        CustomerPage: {
            data: components["schemas"]["Customer"][];
            next_cursor: string | null;
        };
        CustomerReferrals: {
            /** @description printed form, e.g. K7QM-X4RT-9HWC */
            code: string;
            counts: {
                [key: string]: number;
            };
            link: string;
            referrals: components["schemas"]["Referral"][];
            referred_by: components["schemas"]["Referral"] | null;
        };
        CustomerSearch: {
            cursor?: string | null;
            filter?: components["schemas"]["Filter"];
            limit?: number;
            q?: string;
            sort?: string;
        };
        CustomerStampCard: {
            card: components["schemas"]["StampCard"];
            /** @description stamps a refund took from a card whose voucher was already used; the next stamps settle it */
            debt: number;
            /** @description cards filled whose vouchers stand */
            filled: number;
            fills: {
                /** @description the voucher's last four letters */
                code: string;
                fill: number;
                filled_at: string;
                /** @description withdrawn, unused, after a refund */
                revoked_at: string | null;
                used: boolean;
                voucher_id: string;
            }[];
            /** @description orders whose stamps are held */
            orders: number;
            required: number;
            /** @description on the open card */
            stamps: number;
        };
        CustomerStampCardList: {
            data: components["schemas"]["CustomerStampCard"][];
            next_cursor: null;
        };
        CustomerValue: {
            average_order_value: components["schemas"]["Money"];
            /** @description ISO 4217 code of the customer's orders; null when none or several */
            currency: string | null;
            days_since_last_purchase: number | null;
            favourite_category: string | null;
            first_purchase_at: string | null;
            last_purchase_at: string | null;
            lifetime_value: components["schemas"]["Money"];
            order_count: number;
            total_spent: components["schemas"]["Money"];
        };
        /** @description inclusive bound on the customer's total_spent, a decimal amount such as "1000.00" */
        CustomerValueBound: string;
        CustomField: {
            readonly created_at?: string;
            key: string;
            label: string;
            /** @enum {unknown} */
            object_type: "customer" | "company" | "product";
            options: string[];
            required: boolean;
            sensitive: boolean;
            /** @enum {unknown} */
            type: "text" | "number" | "date" | "boolean" | "select";
            readonly version?: number;
        };
        CustomFieldList: {
            data: components["schemas"]["CustomField"][];
        };
        CustomFieldPatch: {
            label?: string;
            options?: string[];
            required?: boolean;
            sensitive?: boolean;
        };
        Email: {
            /** Format: email */
            address: string;
            label?: string | null;
            primary?: boolean;
        };
        EventPage: {
            data?: {
                aggregate_id?: string;
                aggregate_type?: string;
                id?: string;
                occurred_at?: string;
                payload?: Record<string, never>;
                seq?: number;
                type?: string;
            }[];
            next_after?: number;
        };
        FeedbackTheme: {
            created_at: string;
            id: string;
            keywords: string[];
            name: string;
            /** @description answers its keywords tagged (when they changed) */
            tagged?: number;
            updated_at: string;
            version: number;
            we_did: string | null;
            we_did_at: string | null;
        };
        FeedbackThemeInput: {
            /** @description a keyword tags a comment where it starts a word, case-insensitively */
            keywords?: string[];
            name?: string;
            /** @description what the business did about it */
            we_did?: string | null;
        };
        FeedbackThemeReport: {
            themes: (components["schemas"]["FeedbackTheme"] & {
                count: number;
                weeks: {
                    n: number;
                    /** @description the Monday */
                    week: string;
                }[];
            })[];
        };
        /** @description and/or/not tree of {field, op, value} conditions; see docs/design/filters.md */
        Filter: {
            and: components["schemas"]["Filter"][];
        } | {
            or: components["schemas"]["Filter"][];
        } | {
            not: components["schemas"]["Filter"];
        } | {
            field: string;
            /** @enum {unknown} */
            op: "eq" | "neq" | "lt" | "lte" | "gt" | "gte" | "in" | "contains" | "starts_with" | "exists";
            value: unknown;
        };
        HealthDay: {
            average_score: number | null;
            /** Format: date */
            day: string;
            high: number;
            low: number;
            medium: number;
        };
        HealthDistribution: {
            current: {
                high: number;
                low: number;
                medium: number;
            };
            data: components["schemas"]["HealthDay"][];
        };
        HealthReason: {
            /** @description recency, frequency, spend, bad_experiences, nps, csat, open_tickets, breaches, engagement */
            code: string;
            /** @description taken off the score (negative: added) */
            points: number;
            text: string;
        };
        HealthSettings: {
            csat_low_max?: number;
            default_interval_days?: number;
            detractor_max?: number;
            /** @description cause -> task (the default), ticket (in follow_up_queue_id) or both */
            follow_up_as?: {
                [key: string]: "task" | "ticket" | "both";
            };
            /** @description who gets follow-up tasks of customers without an active owner; when null (or disabled) they go to the first active administrator */
            follow_up_assignee?: string | null;
            /** @description causes that open a follow-up task */
            follow_up_causes?: string[];
            follow_up_hours?: number;
            /** @description the queue ticket follow-ups open in */
            follow_up_queue_id?: string | null;
            high_below?: number;
            medium_below?: number;
            review_low_max?: number;
            /** @description cause -> whether the rule records a bad experience */
            rules?: {
                [key: string]: boolean;
            };
            updated_at?: string | null;
            version?: number;
        };
        HelpSearchResults: {
            data: {
                passage: string;
                title: string;
                url: string;
            }[];
        };
        HelpVoteInput: {
            /** @enum {unknown} */
            helpful: "yes" | "no";
        };
        Interaction: WithRequired<components["schemas"]["InteractionInput"], "channel" | "direction" | "kind" | "subject" | "occurred_at" | "duration_seconds" | "staff_id" | "sentiment"> & {
            /** Format: date-time */
            created_at?: string;
            customer_id: string;
            id: string;
        };
        InteractionInput: {
            body?: string | null;
            /** @enum {unknown} */
            channel: "email" | "phone" | "chat" | "social" | "in_person" | "web" | "sms" | "other";
            /** @enum {unknown} */
            direction: "inbound" | "outbound" | "internal";
            duration_seconds?: number | null;
            external_ref?: string | null;
            kind: string;
            metadata?: Record<string, never>;
            /** Format: date-time */
            occurred_at?: string;
            /** @enum {unknown} */
            sentiment?: "positive" | "neutral" | "negative" | "unknown";
            staff_id?: string | null;
            subject?: string | null;
        };
        InteractionPage: {
            data: components["schemas"]["Interaction"][];
            next_cursor: string | null;
        };
        KbArticle: {
            author_id: string | null;
            /** @description Markdown (absent in lists) */
            body?: string;
            /** @description sanitised HTML rendered from body at save time (absent in lists) */
            body_html?: string;
            category_id: string | null;
            created_at: string;
            helpful: {
                no: number;
                yes: number;
            };
            id: string;
            language: string;
            published_at: string | null;
            slug: string;
            /** @enum {unknown} */
            status: "draft" | "published" | "archived";
            tags: string[];
            title: string;
            topic: string | null;
            translation_of: string | null;
            updated_at: string;
            version: number;
        };
        KbArticleInput: {
            /** @description CommonMark; raw HTML is shown as text, links other than http(s), mailto and relative ones are dropped */
            body?: string;
            category_id?: string | null;
            /** @description en, de, pt-br …: how the article is stemmed for search */
            language?: string;
            /** @description made from the title when absent; the public URL is /help/articles/{slug} */
            slug?: string;
            /**
             * @description published and archived need knowledge_base edit
             * @enum {unknown}
             */
            status?: "draft" | "published" | "archived";
            tags?: string[];
            title?: string;
            /** @description what the article answers, e.g. shipping-times (the chatbot reports it) */
            topic?: string | null;
            /** @description the slug of the article this one translates */
            translation_of?: string | null;
        };
        KbArticleList: {
            data: components["schemas"]["KbArticle"][];
            total: number;
        };
        KbCategory: {
            created_at?: string;
            description: string;
            id: string;
            name: string;
            position: number;
            slug: string;
            updated_at?: string;
            version: number;
        };
        KbCategoryInput: {
            description?: string;
            name?: string;
            position?: number;
            slug?: string;
        };
        KbCategoryList: {
            data: components["schemas"]["KbCategory"][];
        };
        KbRendering: {
            html: string;
            text: string;
        };
        KbRenderInput: {
            body: string;
        };
        KbRevision: {
            article_id: string;
            body: string;
            category_id: string | null;
            language: string;
            saved_at: string;
            saved_by: string | null;
            status: string;
            tags: string[];
            title: string;
            topic: string | null;
            version: number;
        };
        KbRevisionList: {
            data: components["schemas"]["KbRevisionSummary"][];
        };
        KbRevisionSummary: {
            saved_at: string;
            saved_by: string | null;
            status: string;
            title: string;
            version: number;
        };
        KbSearchHit: {
            article_id: string;
            language: string;
            /** @description the best-matching paragraph, plain text, at most 320 characters */
            passage: string;
            /** @description minus FTS5's bm25: higher is better; comparable only within one query */
            score: number;
            slug: string;
            status: string;
            title: string;
            topic: string | null;
        };
        KbSearchResults: {
            data: components["schemas"]["KbSearchHit"][];
            next_cursor: null;
        };
        KbSettings: {
            accent_color?: string;
            background_color?: string;
            logo_url?: string | null;
            text_color?: string;
            title?: string;
            version?: number;
        };
        KbSynonyms: {
            groups: string[][];
            version?: number;
        };
        Login: {
            email: string;
            password: string;
        };
        LoyaltyAdjustmentInput: {
            /** @description + or −, never 0 */
            points: number;
            programme?: string;
            reason: string;
        };
        LoyaltyBalance: {
            available: number;
            /** @description ≤ 0: points taken back after they were spent; settled by the next points that become available */
            debt: number;
            pending: number;
        };
        LoyaltyCard: {
            customer_id: string;
            /** @description false until the customer first earns */
            member: boolean;
            points: {
                available: number;
                /** @description points taken back after they were spent; the next earnings settle them first */
                owed?: number;
                /** @description earned, spendable once the return window passes */
                pending: number;
            };
            programme: components["schemas"]["LoyaltyProgrammeSummary"];
            referral: {
                code?: string;
                link?: string;
                /** @description friends whose referral was rewarded */
                rewarded: number;
            };
            stamp_cards: {
                filled?: number;
                name?: string;
                required?: number;
                stamps?: number;
            }[];
            tier?: {
                current?: {
                    free_shipping?: boolean;
                    multiplier?: string;
                    name?: string;
                    since?: string;
                } | null;
                progress?: {
                    basis?: string;
                    next?: {
                        name?: string;
                        remaining?: number | string;
                        threshold?: number | string;
                    } | null;
                    value?: number | string;
                };
            };
            vouchers: {
                code: string;
                currency: string | null;
                description: string;
                expires_at: string | null;
                min_order: string | null;
            }[];
        };
        LoyaltyCardRequest: {
            /** @description {jwt: HS256, sub = the customer id, exp ≤ 1 h ahead} or {customer_id, hash: hex(HMAC-SHA256(chat identity secret, customer_id))} */
            identity: Record<string, never>;
            /** @description a programme id; the oldest programme when absent */
            programme?: string;
        };
        LoyaltyEventBonus: {
            /** @description review_published, survey_answered and referral only: they recur for one member */
            cap?: components["schemas"]["LoyaltyPeriodCap"];
            points?: number;
            /** @description whether the member's tier multiplies the bonus (default false) */
            tier_multiplier?: boolean;
        };
        LoyaltyEventBonusInput: components["schemas"]["LoyaltyEventBonus"] | number;
        LoyaltyGrantInput: {
            points: number;
            programme?: string;
            reason?: string;
        };
        LoyaltyHistoryEntry: {
            actor: string;
            cause: string;
            created_at: string;
            /** Format: date */
            date: string;
            /** @enum {unknown} */
            kind: "earn" | "release" | "redeem" | "reverse" | "expire" | "adjust";
            /** @description what the member's wallets gained (+) or lost (−) */
            points: number;
            /** @description account → points; they sum to zero */
            postings: {
                [key: string]: number;
            };
            seq: number;
        };
        LoyaltyMember: {
            balance: components["schemas"]["LoyaltyBalance"];
            customer_id: string;
            history: {
                data: components["schemas"]["LoyaltyHistoryEntry"][];
                next_cursor: string | null;
            };
            member_id: string | null;
            programme: components["schemas"]["LoyaltyProgrammeSummary"];
            /** @description when the programme has tiers */
            tier?: {
                current?: {
                    free_shipping?: boolean;
                    multiplier?: string;
                    name?: string;
                    review_on?: string;
                    since?: string;
                    support_priority?: string;
                } | null;
                progress?: {
                    basis?: string;
                    next?: {
                        name?: string;
                        remaining?: number | string;
                        threshold?: number | string;
                    } | null;
                    value?: number | string;
                };
            };
        };
        LoyaltyMovement: {
            balance: components["schemas"]["LoyaltyBalance"];
            customer_id: string;
            id: string;
            member_id: string;
            programme: components["schemas"]["LoyaltyProgrammeSummary"];
            transaction: Record<string, never>;
        };
        LoyaltyOrderBonus: {
            /** @description per_order only */
            cap?: components["schemas"]["LoyaltyPeriodCap"];
            excluded_categories?: string[];
            /** @description an order of only these earns no bonus, and they do not count toward min_order */
            excluded_products?: string[];
            /** @description the least eligible total that earns the bonus */
            min_order?: string;
            points?: number;
            /** @description whether the member's tier multiplies the bonus (default: true per order, false first order) */
            tier_multiplier?: boolean;
        };
        /** @description the most points of this rule one member earns per calendar day, month or year (null: no cap) */
        LoyaltyPeriodCap: {
            /** @enum {unknown} */
            period: "day" | "month" | "year";
            points: number;
        } | null;
        LoyaltyPointsOrVoucher: {
            /** @enum {unknown} */
            kind: "points" | "voucher";
            /** @description kind voucher: the rules of a voucher batch (value, currency, min_order, scope, per_customer_limit, combinable, return_on_cancel) and expires_in_days (1 to 3650, counted from the day it is issued; absent: never) */
            voucher?: {
                [key: string]: unknown;
            };
        };
        LoyaltyProgramme: components["schemas"]["LoyaltyProgrammeInput"] & {
            created_at: string;
            id: string;
            updated_at: string;
            version: number;
        };
        LoyaltyProgrammeInput: {
            /** @description ISO 4217; orders in another currency earn nothing */
            currency: string;
            earn?: {
                birthday?: components["schemas"]["LoyaltyEventBonusInput"];
                /** @description once per member, on the first order the programme records for them (a first order under its minimum earns no bonus, and no later order does); no cap */
                first_order?: components["schemas"]["LoyaltyOrderBonus"] | number;
                goodwill_max?: number;
                per_order?: components["schemas"]["LoyaltyOrderBonus"] | number;
                referral?: components["schemas"]["LoyaltyEventBonusInput"];
                review_published?: components["schemas"]["LoyaltyEventBonusInput"];
                signup?: components["schemas"]["LoyaltyEventBonusInput"];
                spend?: components["schemas"]["LoyaltySpendRule"];
                survey_answered?: components["schemas"]["LoyaltyEventBonusInput"];
            };
            /** Format: date */
            ends_on?: string | null;
            expiry?: {
                /** @enum {unknown} */
                mode?: "none" | "per_lot" | "inactivity";
                months?: number | null;
                warning_days?: number;
            };
            name: string;
            /** @description the return window: order points are pending this long */
            pending_days?: number;
            points_name?: string;
            /** @description referral fraud limits; every programme's apply to every referral */
            referral_limits?: {
                /** @description from one network neighbourhood in 7 days (default 3) */
                network_per_week?: number;
                /** @description accepted referrals one referrer may bring in referrer_cap_days (default 10) */
                referrer_cap?: number;
                /** @description default 30 */
                referrer_cap_days?: number;
            };
            /** @description what each side of a rewarded referral gets (default: earn.referral points) */
            referral_rewards?: {
                referee?: components["schemas"]["LoyaltyPointsOrVoucher"];
                referrer?: components["schemas"]["LoyaltyPointsOrVoucher"];
            };
            /** @description what a published review gets, once per product per customer (default: earn.review_published points) */
            review_reward?: components["schemas"]["LoyaltyPointsOrVoucher"];
            /** Format: date */
            starts_on?: string | null;
        };
        LoyaltyProgrammeList: {
            data: components["schemas"]["LoyaltyProgramme"][];
            next_cursor: null;
        };
        LoyaltyProgrammeSummary: {
            id: string;
            name: string;
            points_name: string;
        };
        LoyaltyRedemptionInput: {
            points: number;
            programme?: string;
            reward?: string;
        };
        LoyaltySpendRule: {
            cap?: components["schemas"]["LoyaltyPeriodCap"];
            /** @description product categories (exact) whose lines earn nothing */
            excluded_categories?: string[];
            /** @description product ids or SKUs whose lines earn nothing */
            excluded_products?: string[];
            /** @description the least eligible total that earns (the order total less the excluded lines) */
            min_order?: string;
            /** @description points per whole amount of this, rounded down once per order */
            per?: string;
            points?: number;
            /** @description whether the member's tier multiplies these points (default true) */
            tier_multiplier?: boolean;
        };
        Me: {
            access: components["schemas"]["Access"];
            actor: string;
            csrf_token?: string;
            session_id?: string;
            user?: components["schemas"]["User"];
        };
        /** @description decimal amount with two places; input may also be a number */
        Money: string;
        NewToken: components["schemas"]["Token"] & {
            /** @description the secret; shown in this response only */
            token: string;
        };
        Order: {
            channel: string;
            currency: string;
            customer_id: string;
            discount: components["schemas"]["Money"];
            external_id: string | null;
            id: string;
            lines: WithRequired<components["schemas"]["OrderLine"], "product_id" | "sku" | "description" | "category" | "quantity" | "unit_price" | "discount" | "line_total">[];
            notes?: string | null;
            /** @description short sequential number people quote (#1042); unique, never reused */
            number: number;
            placed_at: string;
            /** @description the customer who placed it, when not its customer; null once that customer is erased */
            placed_by?: string | null;
            refunded: components["schemas"]["Money"];
            refunds?: unknown[];
            /** @enum {unknown} */
            status: "placed" | "paid" | "fulfilled" | "cancelled" | "refunded" | "partially_refunded";
            subtotal: components["schemas"]["Money"];
            total: components["schemas"]["Money"];
            version: number;
        };
        OrderInput: {
            /** @enum {unknown} */
            channel: "web" | "store" | "phone" | "marketplace";
            currency: string;
            /** @description POST /orders only */
            customer_id?: string;
            external_id?: string;
            lines: components["schemas"]["OrderLine"][];
            notes?: string;
            placed_at?: string;
            /** @description the id of the customer whose account placed the order, when not its customer (a gift); a referee's first order placed by their referrer refuses the referral */
            placed_by?: string;
            /** @description on the customer's first order: links them to the referrer (docs/design/loyalty.md § Referrals) */
            referral_code?: string;
            /** @description the visitor's IP address as the shop saw it */
            referral_network?: string;
            /** @enum {unknown} */
            status?: "placed" | "paid" | "fulfilled";
            /** @description checked and spent in the order's transaction; each adds a discount line; problems name voucher_codes[i] */
            voucher_codes?: string[];
        };
        OrderLine: {
            category?: string | null;
            description?: string;
            discount?: components["schemas"]["Money"];
            line_total?: components["schemas"]["Money"];
            product_id?: string | null;
            quantity?: number;
            sku?: string | null;
            unit_price?: components["schemas"]["Money"];
        };
        OrderPage: {
            data: components["schemas"]["Order"][];
            next_cursor: string | null;
        };
        OrderPatch: {
            notes?: string | null;
            /** @enum {unknown} */
            status?: "placed" | "paid" | "fulfilled" | "cancelled";
        };
        Payment: {
            amount?: components["schemas"]["Money"];
            currency?: string;
            id?: string;
            method?: string;
            occurred_at?: string;
            order_id?: string | null;
            processor_reference?: string | null;
            status?: string;
        };
        PaymentInput: {
            amount: components["schemas"]["Money"];
            currency: string;
            /** @enum {unknown} */
            method: "card" | "paypal" | "apple_pay" | "google_pay" | "bank_transfer" | "cash" | "other";
            occurred_at?: string;
            order_id?: string;
            processor_reference?: string;
            /** @enum {unknown} */
            status: "authorised" | "captured" | "failed" | "refunded";
        };
        PaymentList: {
            data?: components["schemas"]["Payment"][];
        };
        PaymentMethod: {
            billing_address?: Record<string, never> | null;
            brand?: string | null;
            exp_month?: number | null;
            exp_year?: number | null;
            id?: string;
            is_default?: boolean;
            last4?: string | null;
            processor_token?: string;
            type?: string;
            version?: number;
        };
        PaymentMethodInput: {
            billing_address?: Record<string, never>;
            brand?: string;
            exp_month?: number;
            exp_year?: number;
            is_default?: boolean;
            last4?: string;
            processor_token?: string;
            /** @enum {unknown} */
            type?: "card" | "paypal" | "apple_pay" | "google_pay" | "bank_transfer" | "other";
        };
        PaymentMethodList: {
            data?: components["schemas"]["PaymentMethod"][];
        };
        Phone: {
            /** @description the number in international format for reading, e.g. +49 1523 4944775 */
            readonly display?: string;
            label?: string | null;
            /** @description E.164 once stored; input may be national (read in the address country or default_phone_region), with spaces, dashes, 00 */
            number: string;
            primary?: boolean;
        };
        Problem: {
            detail?: string;
            errors?: {
                field?: string;
                message?: string;
            }[];
            instance?: string;
            status: number;
            title: string;
            type: string;
        };
        Product: {
            active?: boolean;
            category?: string | null;
            currency?: string;
            id?: string;
            name?: string;
            price?: components["schemas"]["Money"];
            sku?: string;
            version?: number;
        };
        ProductInput: {
            active?: boolean;
            category?: string;
            currency?: string;
            name?: string;
            price?: components["schemas"]["Money"];
            sku?: string;
        };
        ProductPage: {
            data?: components["schemas"]["Product"][];
            next_cursor?: string | null;
        };
        PublicReview: {
            /** @description first name and initial at most */
            author: string;
            id: string;
            language: string;
            product_id: string | null;
            published_at: string | null;
            rating: number;
            reply: {
                at: string | null;
                text: string;
            } | null;
            source: string;
            text: string;
            title: string;
            verified: boolean;
        };
        PublicReviewPage: {
            data: components["schemas"]["PublicReview"][];
            next_cursor: string | null;
            stats: components["schemas"]["ReviewStats"];
        };
        Queue: {
            created_at?: string;
            id: string;
            updated_at?: string;
            version: number;
        } & WithRequired<components["schemas"]["QueueInput"], "name" | "email" | "team_id" | "default_priority">;
        QueueInput: {
            /** @description open tickets per agent for round robin (default 20) */
            agent_cap?: number;
            /**
             * @description round_robin: new unassigned tickets go to the team's available agents in turn
             * @enum {unknown}
             */
            assignment?: "manual" | "round_robin";
            /** @description business hours of its SLA targets */
            calendar_id?: string | null;
            /** @enum {unknown} */
            default_priority?: "low" | "normal" | "high" | "urgent";
            email?: string | null;
            name?: string;
            /** @description its SLA policy (else the default policy) */
            sla_policy_id?: string | null;
            team_id?: string | null;
        };
        QueueList: {
            data: components["schemas"]["Queue"][];
            next_cursor: null;
        };
        Rating: {
            rating: {
                /** @enum {unknown} */
                score: "good" | "bad";
            };
        };
        /** @description JSON or application/x-www-form-urlencoded */
        RatingInput: {
            comment?: string;
            /** @enum {unknown} */
            score: "good" | "bad";
        };
        RecentBadExperience: {
            cause: string;
            customer_id: string;
            display_name: string;
            id: string;
            occurred_at: string;
            /** @enum {unknown} */
            state: "open" | "recovered" | "lost";
            summary: string;
        };
        RecentBadExperienceList: {
            data: components["schemas"]["RecentBadExperience"][];
        };
        Referral: {
            created_at: string;
            detail: string | null;
            id: string;
            /** @description the referee's first order */
            order_id: string | null;
            /**
             * Format: date
             * @description when that order is past the return window
             */
            qualifies_on: string | null;
            referee_id: string;
            /** @description null when the caller may not read that customer */
            referee_name?: string | null;
            referrer_id: string;
            referrer_name?: string | null;
            /** @description a refused referral's fraud signal: self_referral, already_referred, not_first_order, same_email, same_phone, same_address, same_payment_method, network_burst, referrer_cap, referrer_placed_order */
            signal: string | null;
            /** @enum {unknown} */
            state: "linked" | "qualifying" | "rewarded" | "lapsed" | "refused";
            updated_at: string;
            /** @enum {unknown} */
            via: "signup" | "order";
        };
        ReferralList: {
            data: components["schemas"]["Referral"][];
            next_cursor: null;
        };
        ReferralStats: {
            by_state: {
                [key: string]: number;
            };
            /** @description rewarded ÷ referrals not refused */
            conversion: number;
            months: {
                month: string;
                referred: number;
                rewarded: number;
            }[];
            refused_by_signal: {
                count: number;
                signal: string;
            }[];
        };
        Refund: {
            amount?: components["schemas"]["Money"];
            id?: string;
            order_id?: string;
            order_status?: string;
            reason?: string | null;
        };
        RefundInput: {
            amount: components["schemas"]["Money"];
            reason?: string;
        };
        ReportFigures: {
            assignee_id?: string | null;
            first_response: components["schemas"]["ReportTimes"];
            opened: number;
            queue_id?: string | null;
            resolution: components["schemas"]["ReportTimes"];
            solved: number;
        };
        ReportTimes: {
            count: number;
            median_seconds: number | null;
            /** @description nearest-rank 90th percentile */
            p90_seconds: number | null;
        };
        Review: {
            created_at: string;
            customer_id: string;
            id: string;
            language: string;
            moderation: {
                at: string;
                by: string | null;
                reason: string | null;
            } | null;
            product_id: string | null;
            published_at: string | null;
            rating: number;
            reply: {
                at: string | null;
                by: string | null;
                text: string;
            } | null;
            request_id: string | null;
            sentiment: number | null;
            /** @enum {unknown} */
            source: "invited" | "own_site" | "google" | "facebook" | "other";
            source_url: string | null;
            /** @enum {unknown} */
            status: "pending" | "published" | "rejected";
            text: string;
            title: string;
            updated_at: string;
            verified: boolean;
            version: number;
        };
        ReviewInput: {
            customer_id: string;
            language?: string;
            product_id?: string | null;
            rating: number;
            /** @enum {unknown} */
            source: "invited" | "own_site" | "google" | "facebook" | "other";
            /** @description required for other */
            source_url?: string | null;
            /**
             * @description published needs reviews edit
             * @enum {unknown}
             */
            status?: "pending" | "published";
            text?: string;
            title?: string;
        };
        ReviewPage: {
            data: components["schemas"]["Review"][];
            next_cursor: string | null;
        };
        ReviewPatch: {
            /** @description required to reject */
            reason?: string;
            reply?: string | null;
            /** @enum {unknown} */
            status?: "pending" | "published" | "rejected";
        };
        ReviewRequest: {
            created_at: string;
            customer_id: string;
            /** @enum {unknown} */
            delivery: "link" | "email";
            expires_at: string | null;
            id: string;
            /** @enum {unknown} */
            language: "en" | "de";
            /** @description only in this answer, only when sent: it is not stored */
            link?: string | null;
            /** @description order_fulfilled: the automatic request; null: staff */
            made_by: string | null;
            order_id: string | null;
            product_id: string | null;
            /** @enum {unknown} */
            status: "sent" | "throttled" | "no_consent" | "no_email" | "completed";
        };
        ReviewRequestInput: {
            customer_id: string;
            /** @enum {unknown} */
            delivery?: "link" | "email";
            expires_in_days?: number;
            /** @enum {unknown} */
            language?: "en" | "de";
            order_id?: string;
            product_id?: string;
        };
        ReviewRequestStep: {
            about: string;
            completed: boolean;
            /** @enum {unknown} */
            language: "en" | "de";
        };
        ReviewSettings: {
            /** @description ask by e-mail this many days after an order is fulfilled; null: never */
            auto_request_days?: number | null;
            expires_in_days?: number;
            readonly updated_at?: string | null;
            readonly version?: number;
        };
        ReviewStats: {
            average: number | null;
            count: number;
            distribution: {
                1: number;
                2: number;
                3: number;
                4: number;
                5: number;
            };
            product_id?: string | null;
        };
        ReviewWordsInput: {
            rating: number;
            text?: string;
            title?: string;
        };
        Reward: components["schemas"]["VoucherRules"] & {
            active: boolean;
            /** @description with ?customer_id=: whether that customer may buy it now (points aside) */
            available?: boolean;
            created_at?: string;
            description: string;
            id: string;
            /** @description the lowest tier that may buy it */
            min_tier: string | null;
            name: string;
            per_customer_limit: number | null;
            points: number;
            programme: string;
            redeemed: number;
            stock: number | null;
            /** @description with ?customer_id=: why not (not on offer, out of stock, below its tier) */
            unavailable_reason?: string | null;
            updated_at?: string;
            valid_days: number | null;
            version: number;
        };
        RewardInput: components["schemas"]["VoucherRules"] & {
            active?: boolean;
            /** @description only members at this tier of the programme or above may buy it; null: every member */
            min_tier?: string | null;
            name: string;
            per_customer_limit?: number | null;
            points: number;
            programme: string;
            /** @description null: unlimited */
            stock?: number | null;
            valid_days?: number | null;
        };
        RewardList: {
            data: components["schemas"]["Reward"][];
            next_cursor: null;
        };
        RewardPatch: {
            active?: boolean;
            min_tier?: string | null;
            name?: string;
            points?: number;
            stock?: number | null;
        };
        RewardRedemption: {
            balance: components["schemas"]["LoyaltyBalance"];
            reward: components["schemas"]["Reward"];
            transaction: Record<string, never>;
            voucher: components["schemas"]["Voucher"];
        };
        RewardRedemptionInput: {
            reward_id: string;
        };
        Role: {
            built_in: boolean;
            description: string | null;
            /** @description {object: {field: hidden | read_only}} */
            fields: Record<string, never>;
            /** @description {object: {action: all | team | own | none}} */
            grants: Record<string, never>;
            name: string;
            version?: number;
        };
        RoleInput: {
            description?: string;
            fields?: Record<string, never>;
            grants?: Record<string, never>;
            name?: string;
        };
        RoleList: {
            data: components["schemas"]["Role"][];
        };
        RoutingRule: {
            created_at?: string;
            id: string;
            updated_at?: string;
            version: number;
        } & WithRequired<components["schemas"]["RoutingRuleInput"], "name" | "position" | "conditions" | "queue_id" | "priority" | "tags">;
        /** @description the first rule (by position) whose conditions all hold routes a ticket opened without a queue */
        RoutingRuleInput: {
            conditions?: {
                channel?: ("email" | "web_form" | "chat" | "phone" | "social" | "api")[];
                company_id?: string;
                customer_max_value?: components["schemas"]["CustomerValueBound"];
                customer_min_value?: components["schemas"]["CustomerValueBound"];
                customer_tag?: string;
                /** @description any, in the subject or first message; case and accents ignored */
                keywords?: string[];
                language?: string;
                /** @description the address the request was sent to (ticket create's mailbox) */
                mailbox?: string;
            };
            name?: string;
            position?: number;
            /** @enum {unknown} */
            priority?: "low" | "normal" | "high" | "urgent" | null;
            queue_id?: string;
            tags?: string[];
        };
        RoutingRuleList: {
            data: components["schemas"]["RoutingRule"][];
            next_cursor: null;
        };
        SessionList: {
            data: {
                address: string | null;
                created_at: string;
                current: boolean;
                expires_at: string;
                id: string;
                last_seen_at: string | null;
                user_agent: string | null;
            }[];
        };
        SignedIn: {
            csrf_token?: string;
            /** Format: date-time */
            expires_at?: string;
            session_id?: string;
            user?: Record<string, never>;
        };
        SlaPolicy: {
            created_at?: string;
            id: string;
            updated_at?: string;
            version: number;
        } & WithRequired<components["schemas"]["SlaPolicyInput"], "name" | "default" | "targets">;
        /** @description name plus the policy JSON of docs/design/sla.md */
        SlaPolicyInput: {
            applies_to?: components["schemas"]["CustomerConditions"];
            /** @description the policy of tickets whose queue names none (one at most) */
            default?: boolean;
            name?: string;
            pause_on_hold?: boolean;
            /** @description order in which conditional policies are tried */
            position?: number;
            tag_rules?: Record<string, never>[];
            /** @description per priority: {first_response, next_response, resolution}: {minutes, hours: business|calendar} */
            targets?: Record<string, never>;
            warning_minutes?: number;
        };
        SlaPolicyList: {
            data: components["schemas"]["SlaPolicy"][];
            next_cursor: null;
        };
        SlaTarget: {
            cycle?: number;
            due_at?: string | null;
            /** @enum {unknown} */
            hours?: "business" | "calendar";
            minutes?: number;
            /** @description while paused: the time left */
            remaining_seconds?: number;
            started_at?: string | null;
            /** @enum {unknown} */
            state?: "running" | "paused" | "met" | "breached" | "not_applicable";
            stopped_at?: string | null;
            warning_at?: string | null;
        } | null;
        StaffList: {
            data: {
                id: string;
                name: string;
                /** @enum {unknown} */
                status: "active" | "disabled";
                teams: string[];
            }[];
        };
        StampCard: components["schemas"]["StampCardInput"] & {
            created_at?: string;
            id: string;
            updated_at?: string;
            version?: number;
        };
        StampCardInput: {
            /** @description false: no new stamps; refunds still take them back */
            active?: boolean;
            /** @description qualifying product categories; with no products either, every paid line */
            categories?: string[];
            name: string;
            /**
             * @description one stamp per qualifying order (default) or per qualifying unit
             * @enum {unknown}
             */
            per?: "order" | "item";
            /** @description qualifying product ids */
            products?: string[];
            /** @description the product a full card's voucher gives free */
            reward_product_id: string;
            /** @description N: the stamps that fill a card */
            stamps_required: number;
            /** @description the voucher's life; null: no expiry */
            valid_days?: number | null;
        };
        StampCardList: {
            data: components["schemas"]["StampCard"][];
            next_cursor: null;
        };
        SupportReport: {
            /** @enum {unknown} */
            bucket: "day";
            by_agent: components["schemas"]["ReportFigures"][];
            by_queue: components["schemas"]["ReportFigures"][];
            days: {
                /** @description tickets neither solved nor closed at the end of the day */
                backlog: number;
                /** Format: date */
                date: string;
                opened: number;
                solved: number;
            }[];
            /** Format: date */
            from: string;
            /** @description satisfaction ratings of tickets and chats together — {ratings, good, bad, score, comments, requests, response_rate} — and by_channel: [{channel: ticket | chat, the same figures}] (chat requests: conversations ended in the range; the ticket entry also held_back: rating requests the contact budget held back, not counted in requests), when the ratings part is connected; else null */
            satisfaction: unknown;
            /** @description SLA attainment, when the SLA part is connected; else null */
            sla: unknown;
            /** Format: date */
            to: string;
            totals: components["schemas"]["ReportFigures"];
        };
        /** @description JSON or application/x-www-form-urlencoded; `website` is a honeypot that people leave empty */
        SupportRequestInput: {
            email: string;
            message: string;
            name?: string;
            queue_id?: string;
            subject: string;
            website?: string;
        };
        SupportRequestReceived: {
            /** @constant */
            status: "received";
        };
        Survey: {
            created_at: string;
            current_version: number;
            id: string;
            /** @enum {unknown} */
            kind: "nps" | "csat" | "ces" | "custom";
            name: string;
            /** @enum {unknown} */
            purpose: "service" | "marketing";
            questions: components["schemas"]["SurveyQuestion"][];
            /** @enum {unknown} */
            status: "active" | "archived";
            trigger?: components["schemas"]["SurveyTrigger"];
            updated_at: string;
            version: number;
        };
        SurveyAnswer: {
            answered_at: string;
            answers: Record<string, never>;
            comment: string | null;
            /** @description null: answered from the open link */
            customer_id: string | null;
            customer_name: string;
            id: string;
            score: number | null;
            sentiment: number | null;
            survey_version: number;
            themes?: {
                id: string;
                name: string;
                /** @enum {unknown} */
                source: "rule" | "staff";
            }[];
        };
        SurveyAnswerInput: {
            /** @description a number, an option id, a list of option ids, text, or null to skip */
            answer?: unknown;
            question: string;
        };
        SurveyAnswerPage: {
            data: components["schemas"]["SurveyAnswer"][];
            next_cursor: string | null;
        };
        SurveyInput: {
            /** @enum {unknown} */
            kind?: "nps" | "csat" | "ces" | "custom";
            name?: string;
            /** @enum {unknown} */
            purpose?: "service" | "marketing";
            /** @description nps/csat/ces: questions after the built-in one; custom: all of them */
            questions?: components["schemas"]["SurveyQuestion"][];
            /** @enum {unknown} */
            status?: "active" | "archived";
            trigger?: components["schemas"]["SurveyTrigger"];
        };
        SurveyInvitation: {
            about: {
                order_id?: string;
                ticket_id?: string;
            };
            completed_at: string | null;
            created_at: string;
            customer_id: string | null;
            /** @enum {unknown} */
            delivery?: "link" | "email" | "open_link";
            expires_at: string | null;
            id: string;
            /** @enum {unknown} */
            language: "en" | "de";
            /** @description only in the answer to the invite, only when sent: it is not stored */
            link?: string | null;
            /** @description a mailed invitation's mail: state queued|sending|sent|failed, error */
            mail?: {
                error?: string | null;
                state?: string;
            };
            send_id?: string | null;
            /** @enum {unknown} */
            status: "sent" | "answering" | "completed" | "throttled" | "no_consent" | "no_email";
            survey_id: string;
            survey_version: number;
        };
        SurveyInvitationInput: {
            about?: {
                order_id?: string;
                ticket_id?: string;
            };
            customer_id: string;
            /**
             * @description link (default): the link is in the answer, once; email: it is mailed
             * @enum {unknown}
             */
            delivery?: "link" | "email";
            expires_in_days?: number;
            /** @enum {unknown} */
            language?: "en" | "de";
        };
        SurveyInvitationList: {
            data: components["schemas"]["SurveyInvitation"][];
            next_cursor: null;
        };
        SurveyList: {
            data: components["schemas"]["Survey"][];
            next_cursor: null;
        };
        SurveyOpenLink: {
            /** @description /s/o/<22 characters>: shown once, only its hash is kept */
            link: string;
            survey_id: string;
        };
        SurveyQuestion: {
            id: string;
            /** @description a custom survey's score question (rating or scale) */
            main?: boolean;
            max?: number;
            min?: number;
            options?: {
                id: string;
                text: components["schemas"]["SurveyText"];
            }[];
            required?: boolean;
            /** @description asked only when an earlier answer matches */
            show_if?: {
                in?: string[];
                max?: number;
                min?: number;
                question: string;
            };
            text: components["schemas"]["SurveyText"];
            /** @enum {unknown} */
            type: "rating" | "scale" | "single_choice" | "multiple_choice" | "text";
        };
        SurveyResults: {
            answered: number;
            breakdown?: {
                key: string;
                n: number;
                score: number;
                summary: components["schemas"]["SurveySummary"];
            }[];
            invited: number;
            kind: string;
            response_rate: number | null;
            summary: components["schemas"]["SurveySummary"];
            survey_id: string;
            trend: {
                date: string;
                n: number;
                score: number;
            }[];
        };
        SurveySend: {
            created_at: string;
            created_by?: string;
            /** @enum {unknown} */
            delivery: "email";
            error?: string | null;
            expires_in_days?: number;
            filter: Record<string, never>;
            finished_at?: string | null;
            id: string;
            language?: string | null;
            no_consent: number;
            no_email: number;
            processed: number;
            progress: number;
            sent: number;
            /** @description already holding an open invitation to the survey */
            skipped: number;
            /** @enum {unknown} */
            status: "running" | "done" | "failed" | "cancelled";
            survey_id: string;
            throttled: number;
            total: number;
        };
        SurveySendInput: {
            /** @enum {unknown} */
            delivery?: "email";
            expires_in_days?: number;
            /** @description the customers to ask (docs/design/filters.md) */
            filter: Record<string, never>;
            /** @enum {unknown} */
            language?: "en" | "de";
        };
        SurveySendList: {
            data: components["schemas"]["SurveySend"][];
            next_cursor: null;
        };
        SurveyStep: {
            answered: number;
            completed: boolean;
            /** @enum {unknown} */
            language: "en" | "de";
            question: Record<string, never> | null;
            survey_name: string;
        };
        SurveySummary: {
            average: number | null;
            ci95: number[] | null;
            detractors?: number;
            n: number;
            nps?: number | null;
            passives?: number;
            promoters?: number;
            satisfied_share?: number | null;
        };
        SurveyText: string | {
            de?: string;
            en: string;
        };
        /** @description sends the survey by itself after an event (docs/design/surveys.md) */
        SurveyTrigger: {
            days?: number;
            /** @enum {unknown} */
            on: "ticket_solved" | "order_fulfilled" | "first_purchase" | "no_purchase";
        } | null;
        SurveyVersion: {
            created_at: string;
            questions: components["schemas"]["SurveyQuestion"][];
            survey_id: string;
            version: number;
        };
        Task: {
            assignee_id: string;
            company_id: string | null;
            /** @description when it was done or cancelled */
            completed_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** @description null: made by the system (a feedback rule) */
            creator_id: string | null;
            customer_id: string | null;
            /** Format: date-time */
            due_at: string;
            id: string;
            notes: string | null;
            outcome: string | null;
            /** @enum {unknown} */
            priority: "low" | "normal" | "high" | "urgent";
            remind_at: string | null;
            remind_by_email?: boolean;
            /** @enum {unknown} */
            status: "open" | "done" | "cancelled";
            ticket_id: string | null;
            title: string;
            /** Format: date-time */
            updated_at: string;
            version: number;
        };
        TaskFields: {
            /** @description a member of staff: the task's owner for record access */
            assignee_id?: string;
            company_id?: string | null;
            customer_id?: string | null;
            /** Format: date-time */
            due_at?: string;
            notes?: string | null;
            /** @enum {unknown} */
            priority?: "low" | "normal" | "high" | "urgent";
            /**
             * Format: date-time
             * @description when the assignee gets a task.reminder notice
             */
            remind_at?: string | null;
            /** @description the reminder (and the overdue notice) also by e-mail to the assignee */
            remind_by_email?: boolean;
            /** @description a ticket of the task's customer; sets customer_id when it is empty */
            ticket_id?: string | null;
            title?: string;
        };
        TaskInput: WithRequired<components["schemas"]["TaskFields"], "title" | "due_at">;
        TaskPage: {
            data: components["schemas"]["Task"][];
            next_cursor: string | null;
        };
        TaskPatch: {
            /** @description with status done and an outcome: also mail the outcome to the task's customer (transactional, no marketing consent needed) and put it on their timeline */
            notify_customer?: boolean;
            /** @description how it ended: called, refunded shipping */
            outcome?: string | null;
            /** @enum {unknown} */
            status?: "open" | "done" | "cancelled";
        } & components["schemas"]["TaskFields"];
        Team: {
            created_at?: string;
            id: string;
            member_count: number;
            name: string;
            updated_at?: string;
            version: number;
        };
        TeamInput: {
            name: string;
        };
        TeamList: {
            data: components["schemas"]["Team"][];
        };
        Ticket: {
            channel: string;
            closed_at?: string | null;
            /** Format: date-time */
            created_at: string;
            customer_id: string;
            /** @description the customer's display name; in lists (the inbox) only */
            customer_name?: string;
            first_response_at?: string | null;
            id: string;
            linked_ticket_id?: string | null;
            merged_into?: string | null;
            number: number;
            /** @description the requester's answer to the rating request (null: none yet); on one ticket (GET, PATCH), not in lists */
            rating?: {
                comment: string | null;
                /** Format: date-time */
                rated_at: string;
                /** @enum {unknown} */
                score: "good" | "bad";
            } | null;
            requester?: string | null;
            sla?: components["schemas"]["TicketSla"];
            solved_at?: string | null;
            /** @enum {unknown} */
            status: "new" | "open" | "pending" | "on_hold" | "solved" | "closed";
            /** Format: date-time */
            updated_at: string;
            version: number;
        } & WithRequired<components["schemas"]["TicketFields"], "subject" | "priority" | "tags" | "follower_ids" | "custom_fields">;
        TicketAttachment: {
            /** Format: date-time */
            created_at: string;
            /**
             * @description a received file that was not kept
             * @enum {unknown}
             */
            dropped?: "too_large" | null;
            id: string;
            inline_cid?: string | null;
            /** @description a safe file name, never a path */
            name: string;
            size: number;
            ticket_id?: string;
            /** @description sniffed from the bytes, never the sender's word */
            type: string;
        };
        TicketCounts: {
            all: number;
            /** @description a count equal to this (1000) means at least that many: each count stops there */
            capped_at: number;
            mine: number;
            pending: number;
            unassigned: number;
            unsolved: number;
        };
        TicketFields: {
            assignee_id?: string | null;
            custom_fields?: {
                [key: string]: unknown;
            };
            follower_ids?: string[];
            /** @enum {unknown} */
            priority?: "low" | "normal" | "high" | "urgent";
            queue_id?: string | null;
            subject?: string;
            tags?: string[];
            /** @enum {unknown} */
            type?: "question" | "problem" | "incident" | "task" | null;
        };
        TicketInput: {
            /** @enum {unknown} */
            channel?: "email" | "web_form" | "chat" | "phone" | "social" | "api";
            customer_id?: string;
            /** @description the address the request was sent to: routing rules may match it */
            mailbox?: string;
            message: components["schemas"]["TicketMessageInput"];
            /** @description matched to a customer by address, or a new customer */
            requester?: {
                email?: string;
                name?: string;
                phone?: string;
            };
        } & WithRequired<components["schemas"]["TicketFields"], "subject">;
        TicketMerge: {
            into: string;
        };
        TicketMessage: {
            attachments?: components["schemas"]["TicketAttachment"][];
            author_id?: string | null;
            /** @enum {unknown} */
            author_type: "customer" | "staff" | "system";
            body_html?: string | null;
            body_text: string;
            /** Format: date-time */
            created_at: string;
            /** @enum {unknown} */
            delivery?: "queued" | "sent" | "failed" | null;
            delivery_error?: string | null;
            id: string;
            in_reply_to?: string | null;
            /** @enum {unknown} */
            kind: "reply" | "note";
            message_id?: string | null;
            references?: string[];
            ticket_id: string;
        };
        TicketMessageInput: {
            /** @description uploads of this ticket (POST /tickets/{id}/attachments) no message has named yet */
            attachment_ids?: string[];
            /** @enum {unknown} */
            author_type?: "customer" | "staff" | "system";
            /** @description an email's original HTML, stored raw; render only through a sanitiser */
            body_html?: string | null;
            body_text: string;
            in_reply_to?: string;
            /**
             * @description a note is internal: never sent, never shown to the customer
             * @enum {unknown}
             */
            kind?: "reply" | "note";
            message_id?: string;
            references?: string[];
            /**
             * @description staff: reply and set this status
             * @enum {unknown}
             */
            status?: "open" | "pending" | "on_hold" | "solved";
        };
        TicketMessageList: {
            data: components["schemas"]["TicketMessage"][];
        };
        TicketMessageResult: {
            message: components["schemas"]["TicketMessage"];
            /** @description a new linked ticket when the customer wrote to a closed one */
            ticket: components["schemas"]["Ticket"];
        };
        TicketPage: {
            data: components["schemas"]["Ticket"][];
            next_cursor: string | null;
        };
        TicketPatch: {
            /** @enum {unknown} */
            status?: "open" | "pending" | "on_hold" | "solved" | "closed";
        } & components["schemas"]["TicketFields"];
        TicketSearch: {
            cursor?: string | null;
            /** @description and/or/not tree of {field, op, value} over ticket fields; see docs/design/support.md */
            filter?: unknown;
            limit?: number;
            q?: string;
            /**
             * @description sla_due_at: breaching soon (tickets with a target still owed, earliest due first)
             * @enum {unknown}
             */
            sort?: "-updated_at" | "updated_at" | "-created_at" | "created_at" | "-number" | "number" | "sla_due_at";
        };
        /** @description null when no SLA policy applies */
        TicketSla: {
            breached?: boolean;
            /** @description the earliest due time of a target still owed */
            due_at?: string | null;
            first_response?: components["schemas"]["SlaTarget"];
            next_response?: components["schemas"]["SlaTarget"];
            policy_id?: string;
            resolution?: components["schemas"]["SlaTarget"];
        } | null;
        TicketSplit: {
            subject?: string;
        };
        TierSettings: {
            /**
             * @description points earned (net of reversals), never the spendable balance; or money paid less refunds
             * @enum {unknown}
             */
            basis?: "points_earned" | "money_spent";
            /** @description after the qualification period ends, before a downgrade */
            grace_days?: number;
            tiers: {
                free_shipping?: boolean;
                multiplier?: number;
                name: string;
                /** @enum {unknown} */
                support_priority?: "normal" | "high" | "urgent";
                /** @description points, or an amount with money_spent; ascending */
                threshold: number | string;
            }[];
            window?: {
                months?: number;
                /** @enum {unknown} */
                type?: "rolling" | "calendar_year";
            };
        };
        Token: {
            created_at: string;
            expires_at: string | null;
            id: string;
            last_used_at: string | null;
            name: string;
            prefix: string;
            revoked_at: string | null;
            scopes: string[] | null;
            user_id: string | null;
        };
        TokenInput: {
            expires_at?: string;
            name: string;
            scopes?: string[];
        };
        TokenList: {
            data: components["schemas"]["Token"][];
        };
        UpcomingDate: {
            customer_id: string;
            /**
             * Format: date
             * @description the day it falls on in the window
             */
            date: string;
            display_name: string;
            /** @description 0: today */
            in_days: number;
            /** @enum {unknown} */
            kind: "birthday" | "renewal";
        };
        UpcomingDateList: {
            data: components["schemas"]["UpcomingDate"][];
            days: number;
        };
        User: {
            created_at: string;
            email: string;
            id: string;
            /** @description only in the 201 of a create without a password */
            initial_password?: string;
            last_sign_in_at: string | null;
            name: string;
            roles: string[];
            /** @enum {unknown} */
            status: "active" | "disabled";
            teams: string[];
            updated_at?: string;
            version: number;
        };
        UserInput: {
            email: string;
            name: string;
            password?: string;
            roles: string[];
        };
        UserList: {
            data: components["schemas"]["User"][];
        };
        UserPatch: {
            name?: string;
            roles?: string[];
            /** @enum {unknown} */
            status?: "active" | "disabled";
            teams?: string[];
        };
        View: {
            created_at?: string;
            definition: Record<string, never>;
            id: string;
            name: string;
            /** @enum {unknown} */
            object_type: "customers" | "companies";
            owner_id: string;
            /** @description present (true) when conditions, columns or the sort on fields your role hides were taken out of the definition */
            redacted?: boolean;
            shared: boolean;
            updated_at?: string;
            version: number;
        };
        ViewInput: {
            definition?: Record<string, never>;
            name?: string;
            /** @enum {unknown} */
            object_type?: "customers" | "companies";
            shared?: boolean;
        };
        ViewList: {
            data: components["schemas"]["View"][];
        };
        Voucher: {
            batch_id: string;
            /** @description printed form, e.g. K7QM-X4RT-9HWC */
            code: string;
            created_at: string;
            customer_id: string | null;
            description: string;
            id: string;
            kind: string;
            max_uses: number;
            rules: components["schemas"]["VoucherRules"];
            /** @enum {unknown} */
            state: "available" | "used_up" | "expired";
            uses: number;
        };
        VoucherBatch: components["schemas"]["VoucherRules"] & {
            /** @description a shared batch's code */
            code: string | null;
            code_count: number;
            created_at: string;
            created_by: string;
            description: string;
            id: string;
            /** @enum {unknown} */
            kind: "bulk" | "shared" | "issued" | "reward";
            max_uses: number;
            name: string;
            uses: number;
        };
        VoucherBatchInput: components["schemas"]["VoucherRules"] & {
            /** @description shared: 4 to 32 letters and digits */
            code?: string;
            /** @description bulk: codes to generate */
            count?: number;
            /** @enum {unknown} */
            kind: "bulk" | "shared";
            /** @description shared: uses in all */
            max_uses?: number;
            name: string;
        };
        VoucherBatchList: {
            data: components["schemas"]["VoucherBatch"][];
            next_cursor: null;
        };
        VoucherIssueInput: components["schemas"]["VoucherRules"] & {
            name?: string;
            note?: string;
        };
        VoucherList: {
            data: components["schemas"]["Voucher"][];
            next_cursor: null;
        };
        VoucherRules: {
            /** @description false: only alone on an order */
            combinable?: boolean;
            /** @description ISO 4217; required with an amount off or a minimum order */
            currency?: string | null;
            /** Format: date-time */
            expires_at?: string | null;
            /** @description the order's total before vouchers must reach this */
            min_order?: string | null;
            /** @description uses per customer across the batch */
            per_customer_limit?: number | null;
            /** @description a cancelled, deleted or fully refunded order gives the use back (default true) */
            return_on_cancel?: boolean;
            scope?: {
                categories?: string[];
                product_ids?: string[];
            } | null;
            value: {
                /** @description amount_off: like 10.00 */
                amount?: string;
                percent?: number;
                /** @description free_product: one unit of it free */
                product_id?: string;
                /** @enum {unknown} */
                type: "amount_off" | "percent_off" | "free_product" | "free_shipping";
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "get/api/v1/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Download an attachment (readers of its ticket only; always as a download, nosniff, sandboxed) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/audit": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The audit trail, newest first; filter by object, id, actor, since (roles with audit read access) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Login"];
            };
        };
        responses: {
            /** @description Sign in with email and password; sets the session cookie */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedIn"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sign out this session */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/auth/logout-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sign out every session of the signed-in user */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Who is calling: the signed-in user (with the session's CSRF token) or the API token, and what they may do (merged grants and field rules) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description My active sessions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description End one of my sessions */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/bad-experiences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The newest bad experiences (cause=detractor,low_csat,…; owner=me; open=true; limit ≤ 50) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecentBadExperienceList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/bad-experiences/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BadExperienceResolve"];
            };
        };
        responses: {
            /** @description Close the loop: recovered or lost, with the outcome (If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadExperience"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/chat-files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Download a chat file (readers of its conversation only; always as a download) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/chat/bot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The chatbot's guided flows and human-only topics (administrators only) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatBotSettings"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "put/api/v1/chat/bot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatBotSettingsInput"];
            };
        };
        responses: {
            /** @description Replace the chatbot's guided flows and/or human-only topics (administrators only) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatBotSettings"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/chat/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The chat's settings, with the identity-verification secret (administrators only) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatSettings"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/chat/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatSettingsInput"];
            };
        };
        responses: {
            /** @description Change the allowed origins, default queue, per-agent limit, or rotate the identity secret (administrators only) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatSettings"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/chats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Chat conversations: view=waiting (oldest first), mine (active, assigned to the caller) or all (newest first) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatConversationList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/chats/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One conversation with its messages after ?after= (a seq; paged by seq) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatConversationWithMessages"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/chats/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Take a waiting chat (up to the per-agent limit of active chats) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatConversation"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/chats/{id}/convert-to-ticket": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatConvert"];
            };
        };
        responses: {
            /** @description Make the chat a ticket with its transcript, or attach the transcript to {ticket_id} as a note */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatConversation"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/chats/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description End the chat */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatConversation"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/chats/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Upload a file to a chat (body: the file; ?name= or X-File-Name: its name); the next reply names it in attachment_ids */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatFile"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/chats/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatReply"];
            };
        };
        responses: {
            /** @description The agent's reply ({text, client_id?, attachment_ids?}; a repeated client_id stores nothing) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatReplyResult"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/chats/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatRead"];
            };
        };
        responses: {
            /** @description The agent has read the messages up to {seq} (the visitor sees a receipt) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/chats/{id}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatTransfer"];
            };
        };
        responses: {
            /** @description Hand the chat to another agent ({assignee_id}) or queue ({queue_id}) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatConversation"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/chats/{id}/typing": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Tell the visitor the agent is typing (nothing is stored) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/companies": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
                q?: string;
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List companies; q matches name or domain */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanyPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/companies": {
        parameters: {
            query?: {
                q?: string;
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompanyInput"];
            };
        };
        responses: {
            /** @description Create a company (Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Company"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/companies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a company (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Company"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/companies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a company; its customers stay, without a company */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/companies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompanyInput"];
            };
        };
        responses: {
            /** @description Change a company with a JSON merge patch (If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Company"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/custom-fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List custom field definitions, all or one object_type's */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomFieldList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/custom-fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomField"];
            };
        };
        responses: {
            /** @description Define a typed custom field, optionally sensitive (administrators only) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomField"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/custom-fields/{object_type}/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
                object_type: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One custom field definition, with its version as the ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomField"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/custom-fields/{object_type}/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
                object_type: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a custom field and remove its value from every record (administrators only; each changed record is audited) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/custom-fields/{object_type}/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
                object_type: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomFieldPatch"];
            };
        };
        responses: {
            /** @description Edit a custom field's label, options, required or sensitive (administrators only; type and key cannot change; removing an option records hold is 409) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomField"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
                q?: string;
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List customers; q is full-text search over names, emails, phones, company and tags */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/customers": {
        parameters: {
            query?: {
                q?: string;
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomerCreateInput"];
            };
        };
        responses: {
            /** @description Create a customer (Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a customer (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a customer and their timeline (If-Match honoured) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomerInput"];
            };
        };
        responses: {
            /** @description Change a customer with a JSON merge patch (If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/bad-experiences": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer's bad experiences, open ones first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadExperienceList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/customers/{id}/bad-experiences": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BadExperienceInput"];
            };
        };
        responses: {
            /** @description Record a bad experience for the customer (interactions create level) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadExperience"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Current consent per channel and purpose, with its full history */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentHistory"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/health": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer's health score, churn risk, the reasons and bad experiences */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerHealth"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/history": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A customer's own change history from the audit trail, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/customers/{id}/interactions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InteractionInput"];
            };
        };
        responses: {
            /** @description Log an interaction on the customer's timeline (Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Interaction"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/interactions/{interaction}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                interaction: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry of the customer's timeline (404 when it is not this customer's, or not readable) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Interaction"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/customers/{id}/interactions/{interaction}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                interaction: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Remove an entry from the customer's timeline (interactions delete level) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/loyalty": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer's points: balance, pending, debt and history (newest first; ?programme=&limit=&cursor=) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoyaltyMember"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/customers/{id}/loyalty/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoyaltyAdjustmentInput"];
            };
        };
        responses: {
            /** @description Adjust the balance up or down with a reason: {points, reason, programme?} (loyalty edit, the permission of its own) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoyaltyMovement"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/loyalty/card": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer's loyalty card as the customer may see it (for a shop's server, e.g. a `shop` role's token; ?programme=) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoyaltyCard"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/customers/{id}/loyalty/grants": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoyaltyGrantInput"];
            };
        };
        responses: {
            /** @description Grant goodwill points, available at once: {points, reason?, programme?} (loyalty create) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoyaltyMovement"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/customers/{id}/loyalty/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoyaltyRedemptionInput"];
            };
        };
        responses: {
            /** @description Spend available points, oldest expiry first: {points, reward?, programme?} (loyalty create) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoyaltyMovement"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/loyalty/referral": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer's referral code and link (made the first time it is asked for), who referred them, and the customers they referred with their states (loyalty read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerReferrals"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/customers/{id}/loyalty/reward-redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RewardRedemptionInput"];
            };
        };
        responses: {
            /** @description Buy a reward with the customer's points: {reward_id}; spends the points (oldest expiry first) and issues a single-use voucher, in one transaction (loyalty create; Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RewardRedemption"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/loyalty/stamp-cards": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer's stamp cards: stamps on the open card, stamp debt, cards filled and their vouchers (loyalty read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerStampCardList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/loyalty/vouchers": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The vouchers issued to the customer, newest first (loyalty read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoucherList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/customers/{id}/loyalty/vouchers": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoucherIssueInput"];
            };
        };
        responses: {
            /** @description Issue the customer a single-use voucher only they may use: {value, currency?, min_order?, scope?, expires_at?, combinable?, return_on_cancel?, name?, note?} (loyalty create; Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Voucher"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/orders": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer's orders, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/customers/{id}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderInput"];
            };
        };
        responses: {
            /** @description Place an order for the customer; totals are computed from the lines (Idempotency-Key honoured: a retried order is counted once) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/overview": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer-360: profile, company, consent, contact counts, latest timeline, and the customer's value */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerOverview"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/payment-methods": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer's saved payment methods (sensitive: hidden from some roles) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentMethodList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/customers/{id}/payment-methods": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentMethodInput"];
            };
        };
        responses: {
            /** @description Save a payment method: {type, processor_token, brand?, last4?, exp_month?, exp_year?, billing_address?, is_default?} — never a card number */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentMethod"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/customers/{id}/payment-methods/{method}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                method: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Remove a payment method (the oldest remaining one becomes the default) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/customers/{id}/payment-methods/{method}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                method: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentMethodInput"];
            };
        };
        responses: {
            /** @description Replace a payment method's token, expiry, billing address or default flag (If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentMethod"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer's payments, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/customers/{id}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentInput"];
            };
        };
        responses: {
            /** @description Record a payment: {amount, currency, method, status, processor_reference?, occurred_at?, order_id?} (Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/tickets": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer's tickets, newest change first (for the customer page) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/timeline": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer's timeline, newest first; filter by channel and kind */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InteractionPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/customers/{id}/value": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the customer is worth: orders, total spent, average order, first and last purchase, favourite category, lifetime value */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerValue"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/customers/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomerBatch"];
            };
        };
        responses: {
            /** @description Create or upsert up to 1000 customers, with a result per record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResult"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/customers/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomerSearch"];
            };
        };
        responses: {
            /** @description Search customers with a filter tree (docs/design/filters.md) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/events": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The domain event feed in commit order (after=<seq>, limit); administrators only, since events carry record fields unredacted; 422 when after is older than the feed's window */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description My export jobs, newest first (administrators: everyone's); with ?object=... the export itself, at once, up to 10,000 records */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Start an export job: {object, format: csv | ndjson | vcard, filter?, q?, customer_id?, neutralise_formulas?} → 202 + job */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/exports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An export's status, record counts and progress (percent) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/exports/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The finished export's file (409 until the job has completed) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/feedback/themes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description You said, we did: each theme with its answers per week (?from=&to=) and what was done, most mentioned first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedbackThemeReport"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/feedback/themes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FeedbackThemeInput"];
            };
        };
        responses: {
            /** @description Name a theme: {name, keywords?, we_did?}; its keywords tag the last year's answers at once and every answer from now on */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedbackTheme"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/feedback/themes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a theme and its tags */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/feedback/themes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FeedbackThemeInput"];
            };
        };
        responses: {
            /** @description Change a theme (If-Match honoured): new keywords re-tag; we_did records what was done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedbackTheme"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/health/at-risk": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Customers by health, lowest first (risk=high|medium|low, owner=me, limit, cursor) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AtRiskPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/health/distribution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Customers per churn risk, per day over the last `days` (default 90), and now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDistribution"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/health/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The health rules and weights (administrators) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthSettings"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "put/api/v1/health/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HealthSettings"];
            };
        };
        responses: {
            /** @description Change the health rules and weights; every customer is re-scored (If-Match) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthSettings"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/home/upcoming-dates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Birthdays and renewals (the date custom field renewal_date) of my customers in the next ?days=14 (1-60), soonest first (customers read; record access) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpcomingDateList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description My imports, newest first (administrators: everyone's) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Upload a CSV or vCard file to import (body: the file; query: object, mode, match, dry_run, atomic, format, mapping, delimiter) → 202 + job */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An import's status, counts and progress (percent) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/imports/{id}/errors": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The error report as CSV: row, line, column, value, reason */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/imports/{id}/revert": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Remove the records the import created (those changed since are kept) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/kb/articles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Articles without their bodies, newest change first: ?status=, category_id=, language=, q= (title contains), limit=, offset= */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbArticleList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/kb/articles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KbArticleInput"];
            };
        };
        responses: {
            /** @description Write an article (a draft unless status says otherwise; publishing needs knowledge_base edit; Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbArticle"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/kb/articles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An article with its Markdown and rendered HTML (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbArticle"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/kb/articles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete an article and its revisions (If-Match honoured) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/kb/articles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KbArticleInput"];
            };
        };
        responses: {
            /** @description Change an article; every save is a revision (If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbArticle"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/kb/articles/{id}/revisions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The article's saved revisions, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbRevisionList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/kb/articles/{id}/revisions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One saved revision of the article */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbRevision"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/kb/articles/{id}/revisions/{version}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Save the revision's content as the article's next version (its status stays; If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbArticle"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/kb/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every category, by position */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbCategoryList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/kb/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KbCategoryInput"];
            };
        };
        responses: {
            /** @description Create a category (knowledge_base edit) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbCategory"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/kb/categories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A category (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbCategory"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/kb/categories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a category without articles (knowledge_base delete) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/kb/categories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KbCategoryInput"];
            };
        };
        responses: {
            /** @description Change a category (knowledge_base edit; If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbCategory"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/kb/render": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KbRenderInput"];
            };
        };
        responses: {
            /** @description Render Markdown exactly as saving an article would: {body} -> {html, text} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbRendering"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/kb/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Search articles (BM25, stemmed, synonyms, prefix on the last word): q=, language= (default en), limit= (≤50), status=published|any, prefix=true|false */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbSearchResults"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/kb/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The public help center's title, logo and colours */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbSettings"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "put/api/v1/kb/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KbSettings"];
            };
        };
        responses: {
            /** @description Replace the help center's settings (administrators; If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbSettings"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/kb/synonyms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The synonym list search applies at query time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbSynonyms"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "put/api/v1/kb/synonyms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KbSynonyms"];
            };
        };
        responses: {
            /** @description Replace the synonym list (administrators; If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbSynonyms"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/loyalty/programmes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every loyalty programme, oldest first (loyalty_programmes read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoyaltyProgrammeList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/loyalty/programmes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One loyalty programme with its earn rules */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoyaltyProgramme"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "put/api/v1/loyalty/programmes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoyaltyProgrammeInput"];
            };
        };
        responses: {
            /** @description Create (201) or replace a loyalty programme; If-Match honoured */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoyaltyProgramme"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/loyalty/programmes/{id}/replays": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The programme's replays, newest first (at most 20), with progress */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/loyalty/programmes/{id}/replays": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Award the programme's points for past orders, as if it had run: {since?, batch_size?}; runs in the background, an order never earns twice (loyalty programmes edit; GET it for progress) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/loyalty/programmes/{id}/replays/{replay_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                replay_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One replay: status, orders done of total and the whole percent */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/loyalty/programmes/{id}/reports": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The programme's figures per period (?from=&to=&interval=month|quarter|year&point_value=0.01): members, active members, points issued, reversed, adjusted, redeemed and expired, liability at each period's end in points and money, redemption rate, qualifying tiers as of each period's end, voucher usage (loyalty read; members of readable customers only) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/loyalty/programmes/{id}/tiers": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The programme's tiers: basis, window, grace days and the tiers with their benefits (loyalty read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TierSettings"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "put/api/v1/loyalty/programmes/{id}/tiers": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TierSettings"];
            };
        };
        responses: {
            /** @description Replace the programme's tiers (loyalty_programmes edit); members move at their next earning (up) or period end (down) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TierSettings"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/loyalty/referral-stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Referral statistics: by state, refusals by signal, referred and rewarded per month for a year, conversion (loyalty read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReferralStats"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/loyalty/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Referrals newest first, ?state= (refused: with the fraud signal named, to review) &limit= (loyalty read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReferralList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/loyalty/rewards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rewards catalogue: rewards bought with points; with ?customer_id= each says whether that customer may buy it now (available, unavailable_reason: tier, stock, offer) (loyalty read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RewardList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/loyalty/rewards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RewardInput"];
            };
        };
        responses: {
            /** @description Add a reward: {programme, name, points, stock?, per_customer_limit?, valid_days?, value, ...} (loyalty_programmes create; Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reward"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/loyalty/rewards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RewardPatch"];
            };
        };
        responses: {
            /** @description Change a reward's name, points, stock (null: unlimited) or active flag (loyalty_programmes edit; If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reward"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/loyalty/stamp-cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stamp cards (buy N, get one free), by name (loyalty read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StampCardList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "put/api/v1/loyalty/stamp-cards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StampCardInput"];
            };
        };
        responses: {
            /** @description Create (201) or replace a stamp card: {name, stamps_required, per: order|item, products?, categories?, reward_product_id, valid_days?, active?} (loyalty_programmes create/edit; If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StampCard"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/loyalty/voucher-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Voucher batches, newest first, with their uses (loyalty_programmes read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoucherBatchList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/loyalty/voucher-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoucherBatchInput"];
            };
        };
        responses: {
            /** @description Generate single-use codes in bulk ({kind: bulk, count ≤ 10000}) or create one shared code with a usage limit ({kind: shared, code, max_uses}), with their rules (loyalty_programmes create; Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoucherBatch"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/loyalty/voucher-batches/{id}/codes": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The batch's codes as CSV: code, max_uses, uses, customer_id (loyalty_programmes edit; audited) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description This API's OpenAPI 3.1 document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderInput"];
            };
        };
        responses: {
            /** @description Place an order: the same as /customers/{id}/orders with customer_id in the body */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One order with its lines and refunds (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Remove an order entered by mistake, with its timeline entries and its share of the customer's value (customers delete level; If-Match honoured) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderPatch"];
            };
        };
        responses: {
            /** @description Move an order to paid, fulfilled or cancelled, or change its notes (If-Match) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/orders/{id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefundInput"];
            };
        };
        responses: {
            /** @description Refund part or all of an order: {amount, reason?} (Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Refund"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/products": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The catalogue by name; q matches name or SKU; include_inactive=true */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProductInput"];
            };
        };
        responses: {
            /** @description Add a product: {sku, name, category?, price, currency, active?} (administrators only) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One product (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a product; order lines that sold it keep its SKU and description (administrators only; If-Match honoured) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProductInput"];
            };
        };
        responses: {
            /** @description Change a product's name, category, price, currency or active flag (administrators only; If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every queue, by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueInput"];
            };
        };
        responses: {
            /** @description Create a queue (queues create level; Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Queue"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/queues/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a queue (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Queue"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/queues/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a queue that holds no tickets (queues edit level; If-Match honoured) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/queues/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueInput"];
            };
        };
        responses: {
            /** @description Change a queue (queues edit level; If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Queue"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/reviews": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reviews, newest first (?status=&product_id=&customer_id=&source=&rating=&limit=&cursor=); only those of customers the caller may read */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewInput"];
            };
        };
        responses: {
            /** @description Record a review: {customer_id, rating, source, title?, text?, product_id?, source_url?, language?, status?}; `verified` is computed, never accepted (Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Review"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/reviews/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A review (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Review"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/reviews/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewPatch"];
            };
        };
        responses: {
            /** @description Moderate or reply: {status?: pending|published|rejected, reason? (required to reject), reply?: text|null} (If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Review"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/reviews/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewRequestInput"];
            };
        };
        responses: {
            /** @description Ask a customer for a review: {customer_id, order_id?, product_id?, language?, delivery?: link|email, expires_in_days?}; a throttled, unconsented or unmailable ask is recorded with its status and no link */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewRequest"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/reviews/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The review settings: the automatic request after fulfilment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewSettings"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "put/api/v1/reviews/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewSettings"];
            };
        };
        responses: {
            /** @description Change the review settings: {auto_request_days?: 0-365|null, expires_in_days?} (If-Match) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewSettings"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/reviews/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Published reviews' count, average and 1-5 distribution (?product_id=; none: reviews of the business) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewStats"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every role: the six built-in ones, then those admins defined */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoleInput"];
            };
        };
        responses: {
            /** @description Define a role: grants per object and action, hidden and read-only fields (administrators only) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/roles/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One role (ETag for defined roles) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/roles/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a defined role no user holds (administrators only) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/roles/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoleInput"];
            };
        };
        responses: {
            /** @description Change a defined role's description, grants or fields; each given part is replaced whole (administrators only; If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Who is who among staff, for every signed-in caller: id, name, teams, status (to show owners by name and assign records) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/support/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every active staff user: availability for round robin, open tickets */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "put/api/v1/support/agents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentAvailability"];
            };
        };
        responses: {
            /** @description Set an agent's availability (administrators only) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/support/agents/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's own availability */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "put/api/v1/support/agents/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentAvailability"];
            };
        };
        responses: {
            /** @description Say whether the caller takes new tickets ({available}) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/support/calendars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every business calendar, by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BusinessCalendarList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/support/calendars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BusinessCalendarInput"];
            };
        };
        responses: {
            /** @description Create a business calendar (administrators only; Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BusinessCalendar"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/support/calendars/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a business calendar (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BusinessCalendar"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/support/calendars/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a business calendar no queue uses (administrators only; If-Match honoured) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/support/calendars/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BusinessCalendarInput"];
            };
        };
        responses: {
            /** @description Change a business calendar (administrators only; If-Match honoured; top-level fields replaced) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BusinessCalendar"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/support/canned-replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every canned reply, by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CannedReplyList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/support/canned-replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CannedReplyInput"];
            };
        };
        responses: {
            /** @description Create a canned reply (administrators only; Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CannedReply"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/support/canned-replies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a canned reply (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CannedReply"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/support/canned-replies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a canned reply no queue uses (administrators only; If-Match honoured) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/support/canned-replies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CannedReplyInput"];
            };
        };
        responses: {
            /** @description Change a canned reply (administrators only; If-Match honoured; top-level fields replaced) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CannedReply"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/support/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The desk's figures per day, queue and agent over the tickets the caller reads (from, to: dates, at most 366 days; queue_id, assignee_id, bucket=day) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupportReport"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/support/routing-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every routing rule, by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoutingRuleList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/support/routing-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoutingRuleInput"];
            };
        };
        responses: {
            /** @description Create a routing rule (administrators only; Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoutingRule"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/support/routing-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a routing rule (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoutingRule"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/support/routing-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a routing rule no queue uses (administrators only; If-Match honoured) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/support/routing-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoutingRuleInput"];
            };
        };
        responses: {
            /** @description Change a routing rule (administrators only; If-Match honoured; top-level fields replaced) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoutingRule"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/support/sla-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every SLA policy, by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPolicyList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/support/sla-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SlaPolicyInput"];
            };
        };
        responses: {
            /** @description Create a SLA policy (administrators only; Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPolicy"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/support/sla-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a SLA policy (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPolicy"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/support/sla-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a SLA policy no queue uses (administrators only; If-Match honoured) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/support/sla-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SlaPolicyInput"];
            };
        };
        responses: {
            /** @description Change a SLA policy (administrators only; If-Match honoured; top-level fields replaced) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPolicy"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "put/api/v1/survey-answers/{id}/themes/{theme_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                theme_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Tag a completed answer with a theme (staff) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/survey-answers/{id}/themes/{theme_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                theme_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Take a theme off an answer */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/surveys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every survey, by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/surveys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SurveyInput"];
            };
        };
        responses: {
            /** @description Define a survey: {name, kind: nps|csat|ces|custom, purpose?, questions?} (Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Survey"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/surveys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A survey with its current version's questions (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Survey"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/surveys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SurveyInput"];
            };
        };
        responses: {
            /** @description Change a survey (If-Match honoured); new questions after the first answer make a new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Survey"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/surveys/{id}/answers": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Completed answers, newest first, with comment, sentiment and themes (?q= searches comments, ?theme= keeps one theme's) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyAnswerPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/surveys/{id}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A survey's invitations, newest first (at most 500) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyInvitationList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/surveys/{id}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SurveyInvitationInput"];
            };
        };
        responses: {
            /** @description Invite one customer: {customer_id, delivery?: link|email, language?, about?, expires_in_days?}; a throttled or refused ask is recorded with its status */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyInvitation"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/surveys/{id}/open-link": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Make (or replace) the survey's open link for anyone to answer: {link}, shown once; starts are limited per address */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyOpenLink"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/surveys/{id}/open-link": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Close the survey's open link */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/surveys/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Results: NPS with its 95 % interval or the average, response rate, trend by day, breakdown (?by=relationship_type|lifecycle_stage|queue|product_category, ?from=&to=, ?filter= a customer filter as JSON) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyResults"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/surveys/{id}/sends": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A survey's sends to a filter, newest first (at most 100), with progress */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveySendList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/surveys/{id}/sends": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SurveySendInput"];
            };
        };
        responses: {
            /** @description Send the survey by e-mail to every customer a filter selects: {filter, language?, expires_in_days?}; runs in the background (GET it for progress) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveySend"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/surveys/{id}/sends/{send_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                send_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One send: status, progress (whole percent) and what became of each ask */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveySend"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/surveys/{id}/sends/{send_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                send_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stop a running send after its current batch */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveySend"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/surveys/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One version of a survey's questions, as answers given on it saw them */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyVersion"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/tasks": {
        parameters: {
            query?: {
                assignee?: string;
                cursor?: string;
                customer_id?: string;
                day_end?: string;
                due?: string;
                limit?: string;
                status?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List tasks by due time: assignee (me or a user id), due (today, overdue, upcoming; day_end names the end of the caller's today), customer_id, status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskInput"];
            };
        };
        responses: {
            /** @description Create a task, assigned to the caller unless assignee_id names another member of staff (Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a task (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a task (If-Match honoured) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskPatch"];
            };
        };
        responses: {
            /** @description Change a task: complete (status done, outcome, notify_customer?), cancel, reopen, reassign, reschedule, relink (If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Teams of staff, with member counts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamInput"];
            };
        };
        responses: {
            /** @description Create a team (administrators only) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One team (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a team; its members stay, without it (administrators only) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamInput"];
            };
        };
        responses: {
            /** @description Rename a team (administrators only; If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/tickets": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List tickets, newest change first; q is a number (#1042) or words of the subject */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketInput"];
            };
        };
        responses: {
            /** @description Open a ticket for a customer, matched or created by the requester's address (Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a ticket (ETag) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketPatch"];
            };
        };
        responses: {
            /** @description Change a ticket's subject, status, priority, type, queue, assignee, tags, followers or custom fields (If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/tickets/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Upload a file to a ticket (body: the file; ?name= or X-File-Name: its name); a following message names it in attachment_ids */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketAttachment"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/tickets/{id}/canned-replies/{reply}/render": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                reply: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A canned reply filled in for this ticket: {body (plain text), actions} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CannedReplyRendering"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/tickets/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketMerge"];
            };
        };
        responses: {
            /** @description Merge this ticket into another of the same customer; answers the target (If-Match: this ticket's version) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/tickets/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ticket's conversation, oldest first, internal notes included */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketMessageList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/tickets/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketMessageInput"];
            };
        };
        responses: {
            /** @description Reply or write an internal note; If-Match carries the version the agent saw (412 when the ticket changed meanwhile); Idempotency-Key honoured */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketMessageResult"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/tickets/{id}/messages/{message}/split": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                message: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketSplit"];
            };
        };
        responses: {
            /** @description Move a message to a new ticket linked to this one (Idempotency-Key honoured) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/tickets/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many readable tickets each inbox view holds: mine and unassigned (unsolved), pending, unsolved, all */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketCounts"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/tickets/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketSearch"];
            };
        };
        responses: {
            /** @description Search tickets with a filter tree (docs/design/support.md) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description My API tokens (administrators: everyone's); never their secrets */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenInput"];
            };
        };
        responses: {
            /** @description Create an API token of my own: {name, expires_at?, scopes?}; the secret is in this response only */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewToken"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoke one of my tokens (administrators: anyone's) by id or prefix */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Staff accounts (administrators only) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserInput"];
            };
        };
        responses: {
            /** @description Create a staff account (administrators only); without a password one is generated and returned once as initial_password */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One staff account (administrators only) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserPatch"];
            };
        };
        responses: {
            /** @description Change a staff account's name, roles or status (administrators only) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/api/v1/views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description My saved views and those shared with everyone (object=customers|companies|tickets) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ViewList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/api/v1/views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ViewInput"];
            };
        };
        responses: {
            /** @description Save a view: {object_type, name, shared?, definition} */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["View"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "delete/api/v1/views/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete one of my views (administrators: any) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "patch/api/v1/views/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ViewInput"];
            };
        };
        responses: {
            /** @description Rename, share or change one of my views (If-Match honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["View"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Liveness: the process answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/help": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The help center's home: categories and their articles (HTML) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/help/articles/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A published article (HTML) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/help/articles/{slug}/vote": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HelpVoteInput"];
            };
        };
        responses: {
            /** @description Was this article helpful? {helpful: yes|no}, as a form or JSON; rate-limited per address */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/help/assets/help.css": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The help center's stylesheet */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/help/assets/search.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The help center's search-as-you-type script */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/help/categories/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A help center category (HTML) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/help/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Search the help center (HTML, works without JavaScript) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/help/search.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Search as you type: {data: [{title, url, passage}]} for ?q=&lang= */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HelpSearchResults"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/help/theme.css": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The help center's colours (from its settings) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus metrics (text format): requests and latency per route, commits, outbox lag, jobs, connections, memory; administrators only */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/public/loyalty/card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoyaltyCardRequest"];
            };
        };
        responses: {
            /** @description The signed-in customer's loyalty card for a shop, without a login: {identity: {jwt} | {customer_id, hash}, programme?}, signed with the chat identity secret */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoyaltyCard"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "options/public/loyalty/card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CORS preflight: an allowed website's page may POST a JSON card request */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/public/ratings/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rating page of a solved ticket (HTML; the signed link in the rating mail) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/public/ratings/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RatingInput"];
            };
        };
        responses: {
            /** @description Record the rating of a solved ticket: {score: good|bad, comment?}, as JSON or a form; once per ticket */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rating"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/public/reviews": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Published reviews for shop pages, newest first, with the product's stats (?product_id=&limit=&cursor=; ETag; no customer data beyond a first name) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicReviewPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/public/reviews/widget": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The newest published reviews and the stats as a small HTML page for an iframe on a shop page (?product_id=) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/public/support": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hosted support request form (HTML, works without JavaScript) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/public/support/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SupportRequestInput"];
            };
        };
        responses: {
            /** @description Send a support request (JSON or a form): opens a ticket (channel web_form) and mails a confirmation */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupportRequestReceived"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/r/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The review page of a request (HTML, or JSON with Accept: application/json) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewRequestStep"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/r/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewWordsInput"];
            };
        };
        responses: {
            /** @description Write the request's review: {rating, title?, text?} as JSON or a form; one review per link, pending until staff publish it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewRequestStep"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Readiness: storage open and not draining */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/s/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The survey page of an invitation (HTML, or JSON with Accept: application/json): the next question, or the thanks */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyStep"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/s/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SurveyAnswerInput"];
            };
        };
        responses: {
            /** @description Answer the current question: {question, answer} as JSON or a form; saved at once; the last answer completes the survey */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyStep"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/s/o/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A survey's open link: the start page (HTML, or JSON {survey_name, ticket}) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/s/o/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Start an answer from the open link with the start page's ticket (form or JSON {ticket}): 303 to the answer's own page (JSON: {path}) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "post/widget/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The chat widget's upload to the visitor's open conversation (body: the file; ?name=, ?visitor_token=; an allowed Origin) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatFile"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "get/widget/files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A file of the visitor's own conversation (?visitor_token=; an allowed Origin); anything else is 404 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};
