// Generated from the v1 OpenAPI document by openapi-typescript: npm run api:types
export interface paths {
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is calling
         * @description The API key (or signed-in person) making the request, its workspace and its permissions.
         *
         *     Any API key or signed-in member of the workspace.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/records/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List accounts
         * @description One page at a time, newest or as sorted; only the records the caller's role may see.
         *
         *     Needs the permission `accounts:read`.
         */
        get: operations["listAccounts"];
        put?: never;
        /**
         * Create an account
         * @description Needs the permission `accounts:write`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["createAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/records/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List contacts
         * @description One page at a time, newest or as sorted; only the records the caller's role may see.
         *
         *     Needs the permission `contacts:read`.
         */
        get: operations["listContacts"];
        put?: never;
        /**
         * Create a contact
         * @description Needs the permission `contacts:write`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["createContact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/records/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List leads
         * @description One page at a time, newest or as sorted; only the records the caller's role may see.
         *
         *     Needs the permission `leads:read`.
         */
        get: operations["listLeads"];
        put?: never;
        /**
         * Create a lead
         * @description Needs the permission `leads:write`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["createLead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/records/deals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List deals
         * @description One page at a time, newest or as sorted; only the records the caller's role may see.
         *
         *     Needs the permission `deals:read`.
         */
        get: operations["listDeals"];
        put?: never;
        /**
         * Create a deal
         * @description Needs the permission `deals:write`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["createDeal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/records/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tasks
         * @description One page at a time, newest or as sorted; only the records the caller's role may see.
         *
         *     Needs the permission `tasks:read`.
         */
        get: operations["listTasks"];
        put?: never;
        /**
         * Create a task
         * @description Needs the permission `tasks:write`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["createTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/records/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tickets
         * @description One page at a time, newest or as sorted; only the records the caller's role may see.
         *
         *     Needs the permission `tickets:read`.
         */
        get: operations["listTickets"];
        put?: never;
        /**
         * Create a ticket
         * @description Needs the permission `tickets:write`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["createTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/records/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one account
         * @description Needs the permission `accounts:read`.
         */
        get: operations["getAccount"];
        put?: never;
        post?: never;
        /**
         * Delete an account
         * @description Moves it to the deleted records, restorable for 30 days.
         *
         *     Needs the permission `accounts:delete`.
         */
        delete: operations["deleteAccount"];
        options?: never;
        head?: never;
        /**
         * Update an account
         * @description Send only the fields to change, with the `version` you read: when someone changed it since, the answer is 409 STALE and nothing is written.
         *
         *     Needs the permission `accounts:write`.
         */
        patch: operations["updateAccount"];
        trace?: never;
    };
    "/records/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one contact
         * @description Needs the permission `contacts:read`.
         */
        get: operations["getContact"];
        put?: never;
        post?: never;
        /**
         * Delete a contact
         * @description Moves it to the deleted records, restorable for 30 days.
         *
         *     Needs the permission `contacts:delete`.
         */
        delete: operations["deleteContact"];
        options?: never;
        head?: never;
        /**
         * Update a contact
         * @description Send only the fields to change, with the `version` you read: when someone changed it since, the answer is 409 STALE and nothing is written.
         *
         *     Needs the permission `contacts:write`.
         */
        patch: operations["updateContact"];
        trace?: never;
    };
    "/records/leads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one lead
         * @description Needs the permission `leads:read`.
         */
        get: operations["getLead"];
        put?: never;
        post?: never;
        /**
         * Delete a lead
         * @description Moves it to the deleted records, restorable for 30 days.
         *
         *     Needs the permission `leads:delete`.
         */
        delete: operations["deleteLead"];
        options?: never;
        head?: never;
        /**
         * Update a lead
         * @description Send only the fields to change, with the `version` you read: when someone changed it since, the answer is 409 STALE and nothing is written.
         *
         *     Needs the permission `leads:write`.
         */
        patch: operations["updateLead"];
        trace?: never;
    };
    "/records/deals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one deal
         * @description Needs the permission `deals:read`.
         */
        get: operations["getDeal"];
        put?: never;
        post?: never;
        /**
         * Delete a deal
         * @description Moves it to the deleted records, restorable for 30 days.
         *
         *     Needs the permission `deals:delete`.
         */
        delete: operations["deleteDeal"];
        options?: never;
        head?: never;
        /**
         * Update a deal
         * @description Send only the fields to change, with the `version` you read: when someone changed it since, the answer is 409 STALE and nothing is written.
         *
         *     Needs the permission `deals:write`.
         */
        patch: operations["updateDeal"];
        trace?: never;
    };
    "/records/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one task
         * @description Needs the permission `tasks:read`.
         */
        get: operations["getTask"];
        put?: never;
        post?: never;
        /**
         * Delete a task
         * @description Moves it to the deleted records, restorable for 30 days.
         *
         *     Needs the permission `tasks:delete`.
         */
        delete: operations["deleteTask"];
        options?: never;
        head?: never;
        /**
         * Update a task
         * @description Send only the fields to change, with the `version` you read: when someone changed it since, the answer is 409 STALE and nothing is written.
         *
         *     Needs the permission `tasks:write`.
         */
        patch: operations["updateTask"];
        trace?: never;
    };
    "/records/tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one ticket
         * @description Needs the permission `tickets:read`.
         */
        get: operations["getTicket"];
        put?: never;
        post?: never;
        /**
         * Delete a ticket
         * @description Moves it to the deleted records, restorable for 30 days.
         *
         *     Needs the permission `tickets:delete`.
         */
        delete: operations["deleteTicket"];
        options?: never;
        head?: never;
        /**
         * Update a ticket
         * @description Send only the fields to change, with the `version` you read: when someone changed it since, the answer is 409 STALE and nothing is written.
         *
         *     Needs the permission `tickets:write`.
         */
        patch: operations["updateTicket"];
        trace?: never;
    };
    "/records/accounts/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a deleted account
         * @description Brings back a record deleted in the last 30 days (`GET /records/{type}?deleted=true` lists them).
         *
         *     Needs the permission `accounts:delete`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["restoreAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/records/contacts/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a deleted contact
         * @description Brings back a record deleted in the last 30 days (`GET /records/{type}?deleted=true` lists them).
         *
         *     Needs the permission `contacts:delete`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["restoreContact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/records/leads/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a deleted lead
         * @description Brings back a record deleted in the last 30 days (`GET /records/{type}?deleted=true` lists them).
         *
         *     Needs the permission `leads:delete`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["restoreLead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/records/deals/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a deleted deal
         * @description Brings back a record deleted in the last 30 days (`GET /records/{type}?deleted=true` lists them).
         *
         *     Needs the permission `deals:delete`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["restoreDeal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/records/tasks/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a deleted task
         * @description Brings back a record deleted in the last 30 days (`GET /records/{type}?deleted=true` lists them).
         *
         *     Needs the permission `tasks:delete`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["restoreTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/records/tickets/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a deleted ticket
         * @description Brings back a record deleted in the last 30 days (`GET /records/{type}?deleted=true` lists them).
         *
         *     Needs the permission `tickets:delete`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["restoreTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/custom-fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List custom fields
         * @description The workspace's own fields: their keys are the keys of a record's `custom` object.
         *
         *     Any API key or signed-in member of the workspace.
         */
        get: operations["listCustomFields"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List members
         * @description Needs the permission `members:read`.
         */
        get: operations["listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List teams
         * @description Needs the permission `teams:read`.
         */
        get: operations["listTeams"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dashboards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List dashboards
         * @description The custom dashboards the caller may open: their own and those shared with their role.
         *
         *     Needs the permission `dashboard:read`.
         */
        get: operations["listDashboards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dashboards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a dashboard
         * @description Needs the permission `dashboard:read`.
         */
        get: operations["getDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dashboards/{id}/data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Numbers of a dashboard's widgets
         * @description Every widget's answer over a date range, computed as the dashboard page shows it, for what the caller may see.
         *
         *     Needs the permission `dashboard:read`.
         */
        get: operations["getDashboardData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit log
         * @description Newest first. The cursor is a position in time, so entries written while paging never repeat or shift a page.
         *
         *     Needs the permission `audit:read`.
         */
        get: operations["listAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description Needs the permission `webhooks:admin`.
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Add a webhook endpoint
         * @description The URL must be public https (no private, loopback or link-local address). The answer holds the signing secret.
         *
         *     Needs the permission `webhooks:admin`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List event types
         * @description Needs the permission `webhooks:admin`.
         */
        get: operations["listWebhookEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a webhook endpoint
         * @description Needs the permission `webhooks:admin`.
         */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /**
         * Remove a webhook endpoint
         * @description Needs the permission `webhooks:admin`.
         */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint
         * @description Any of its fields; `enabled: true` switches a disabled endpoint back on.
         *
         *     Needs the permission `webhooks:admin`.
         */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an endpoint's deliveries
         * @description Needs the permission `webhooks:admin`.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send failed deliveries again
         * @description Every failed delivery of the endpoint since a moment (at most 30 days back) is sent again.
         *
         *     Needs the permission `webhooks:admin`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["replayFailedWebhookDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{id}/deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send one delivery again
         * @description Needs the permission `webhooks:admin`.
         *
         *     Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.
         */
        post: operations["replayWebhookDelivery"];
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
        Me: {
            /** @enum {string} */
            kind: "user" | "api_key";
            /** Format: uuid */
            id: string;
            name: string;
            workspace: {
                /** Format: uuid */
                id: string;
                slug: string;
                name: string;
            };
            permissions: string[];
        };
        /** @description The one error contract of every route. */
        Error: {
            statusCode: number;
            statusMessage: string;
            /** @description For people: what went wrong, naming the first invalid field. */
            message: string;
            data: {
                /** @description For programs: a stable code such as VALIDATION_FAILED, NOT_FOUND, STALE, FORBIDDEN. */
                code: string;
                issues?: {
                    path: string;
                    message: string;
                }[];
            };
        };
        AccountPage: {
            items: components["schemas"]["Account"][];
            nextCursor: string | null;
            /** @description How many records match (counted up to 10,000). */
            total: number;
            /** @description More than `total` match. */
            totalCapped: boolean;
        };
        Account: {
            /** Format: uuid */
            id: string;
            /** @description How the record is named in lists and links. */
            title: string;
            /** @description Send it back in an update: a newer version answers 409 STALE. */
            version: number;
            /** @description Name */
            name: string | null;
            /** @description Website */
            domain: string | null;
            /** @description Industry */
            industry: string | null;
            /** @description Phone */
            phone: string | null;
            /** @description City */
            city: string | null;
            /** @description Country */
            country: string | null;
            /** @description Employees */
            employees: number | null;
            /**
             * Format: uuid
             * @description Owner
             */
            ownerId: string | null;
            /**
             * Format: date-time
             * @description Created
             */
            createdAt: string | null;
            /**
             * Format: date-time
             * @description Updated
             */
            updatedAt: string | null;
            /** @description The owner and their name. */
            owner: {
                /** Format: uuid */
                id: string;
                name: string;
            } | null;
            /** @description Values of the workspace's custom fields, by key (GET /custom-fields). */
            custom: {
                [key: string]: string | number | null;
            };
            /** @description Names of the records its reference fields point at, by field. */
            refs: {
                [key: string]: {
                    /** Format: uuid */
                    id: string;
                    title: string;
                } | null;
            };
            /** Format: date-time */
            deletedAt: string | null;
        };
        ContactPage: {
            items: components["schemas"]["Contact"][];
            nextCursor: string | null;
            /** @description How many records match (counted up to 10,000). */
            total: number;
            /** @description More than `total` match. */
            totalCapped: boolean;
        };
        Contact: {
            /** Format: uuid */
            id: string;
            /** @description How the record is named in lists and links. */
            title: string;
            /** @description Send it back in an update: a newer version answers 409 STALE. */
            version: number;
            /** @description First name */
            firstName: string | null;
            /** @description Last name */
            lastName: string | null;
            /** @description Email */
            email: string | null;
            /** @description Phone */
            phone: string | null;
            /** @description Job title */
            jobTitle: string | null;
            /**
             * Format: uuid
             * @description Account
             */
            accountId: string | null;
            /**
             * Format: uuid
             * @description Owner
             */
            ownerId: string | null;
            /**
             * Format: date-time
             * @description Created
             */
            createdAt: string | null;
            /**
             * Format: date-time
             * @description Updated
             */
            updatedAt: string | null;
            /** @description The owner and their name. */
            owner: {
                /** Format: uuid */
                id: string;
                name: string;
            } | null;
            /** @description Values of the workspace's custom fields, by key (GET /custom-fields). */
            custom: {
                [key: string]: string | number | null;
            };
            /** @description Names of the records its reference fields point at, by field. */
            refs: {
                [key: string]: {
                    /** Format: uuid */
                    id: string;
                    title: string;
                } | null;
            };
            /** Format: date-time */
            deletedAt: string | null;
        };
        LeadPage: {
            items: components["schemas"]["Lead"][];
            nextCursor: string | null;
            /** @description How many records match (counted up to 10,000). */
            total: number;
            /** @description More than `total` match. */
            totalCapped: boolean;
        };
        Lead: {
            /** Format: uuid */
            id: string;
            /** @description How the record is named in lists and links. */
            title: string;
            /** @description Send it back in an update: a newer version answers 409 STALE. */
            version: number;
            /** @description First name */
            firstName: string | null;
            /** @description Last name */
            lastName: string | null;
            /** @description Company */
            company: string | null;
            /** @description Email */
            email: string | null;
            /** @description Phone */
            phone: string | null;
            /**
             * @description Status
             * @enum {string|null}
             */
            status: "new" | "contacted" | "qualified" | "converted" | "lost" | null;
            /**
             * @description Source
             * @enum {string|null}
             */
            source: "website" | "referral" | "event" | "outbound" | "partner" | "advertising" | "other" | null;
            /** @description Lost reason */
            lostReason: string | null;
            /**
             * Format: uuid
             * @description Owner
             */
            ownerId: string | null;
            /**
             * Format: date-time
             * @description Converted
             */
            convertedAt: string | null;
            /**
             * Format: date-time
             * @description Created
             */
            createdAt: string | null;
            /**
             * Format: date-time
             * @description Updated
             */
            updatedAt: string | null;
            /** @description The owner and their name. */
            owner: {
                /** Format: uuid */
                id: string;
                name: string;
            } | null;
            /** @description Values of the workspace's custom fields, by key (GET /custom-fields). */
            custom: {
                [key: string]: string | number | null;
            };
            /** @description Names of the records its reference fields point at, by field. */
            refs: {
                [key: string]: {
                    /** Format: uuid */
                    id: string;
                    title: string;
                } | null;
            };
            /** Format: date-time */
            deletedAt: string | null;
        };
        DealPage: {
            items: components["schemas"]["Deal"][];
            nextCursor: string | null;
            /** @description How many records match (counted up to 10,000). */
            total: number;
            /** @description More than `total` match. */
            totalCapped: boolean;
        };
        Deal: {
            /** Format: uuid */
            id: string;
            /** @description How the record is named in lists and links. */
            title: string;
            /** @description Send it back in an update: a newer version answers 409 STALE. */
            version: number;
            /** @description Name */
            name: string | null;
            /**
             * Format: uuid
             * @description Account
             */
            accountId: string | null;
            /**
             * Format: uuid
             * @description Contact
             */
            contactId: string | null;
            /**
             * Format: uuid
             * @description Pipeline
             */
            pipelineId: string | null;
            /**
             * Format: uuid
             * @description Stage
             */
            stageId: string | null;
            /** @description Amount (minor units: cents) */
            amountMinor: number | null;
            /** @description Currency */
            currency: string | null;
            /**
             * Format: date
             * @description Expected close
             */
            expectedCloseDate: string | null;
            /**
             * @description Source
             * @enum {string|null}
             */
            source: "website" | "referral" | "event" | "outbound" | "partner" | "advertising" | "other" | null;
            /**
             * @description Status
             * @enum {string|null}
             */
            status: "open" | "won" | "lost" | null;
            /** @description Lost reason */
            lostReason: string | null;
            /**
             * Format: date-time
             * @description Closed
             */
            closedAt: string | null;
            /**
             * Format: uuid
             * @description Owner
             */
            ownerId: string | null;
            /**
             * Format: date-time
             * @description Created
             */
            createdAt: string | null;
            /**
             * Format: date-time
             * @description Updated
             */
            updatedAt: string | null;
            /** @description The owner and their name. */
            owner: {
                /** Format: uuid */
                id: string;
                name: string;
            } | null;
            /** @description Values of the workspace's custom fields, by key (GET /custom-fields). */
            custom: {
                [key: string]: string | number | null;
            };
            /** @description Names of the records its reference fields point at, by field. */
            refs: {
                [key: string]: {
                    /** Format: uuid */
                    id: string;
                    title: string;
                } | null;
            };
            /** Format: date-time */
            deletedAt: string | null;
        };
        TaskPage: {
            items: components["schemas"]["Task"][];
            nextCursor: string | null;
            /** @description How many records match (counted up to 10,000). */
            total: number;
            /** @description More than `total` match. */
            totalCapped: boolean;
        };
        Task: {
            /** Format: uuid */
            id: string;
            /** @description Title */
            title: string | null;
            /** @description Send it back in an update: a newer version answers 409 STALE. */
            version: number;
            /** @description Description */
            description: string | null;
            /**
             * @description Status
             * @enum {string|null}
             */
            status: "open" | "done" | null;
            /**
             * @description Priority
             * @enum {string|null}
             */
            priority: "low" | "normal" | "high" | "urgent" | null;
            /**
             * Format: date-time
             * @description Due
             */
            dueAt: string | null;
            /**
             * @description Related type
             * @enum {string|null}
             */
            relatedType: "accounts" | "contacts" | "leads" | "deals" | "tickets" | null;
            /** @description Related record */
            relatedId: string | null;
            /**
             * Format: date-time
             * @description Completed
             */
            completedAt: string | null;
            /**
             * Format: uuid
             * @description Assignee
             */
            ownerId: string | null;
            /**
             * Format: date-time
             * @description Created
             */
            createdAt: string | null;
            /**
             * Format: date-time
             * @description Updated
             */
            updatedAt: string | null;
            /** @description The assignee and their name. */
            owner: {
                /** Format: uuid */
                id: string;
                name: string;
            } | null;
            /** @description Values of the workspace's custom fields, by key (GET /custom-fields). */
            custom: {
                [key: string]: string | number | null;
            };
            /** @description Names of the records its reference fields point at, by field. */
            refs: {
                [key: string]: {
                    /** Format: uuid */
                    id: string;
                    title: string;
                } | null;
            };
            /** Format: date-time */
            deletedAt: string | null;
        };
        TicketPage: {
            items: components["schemas"]["Ticket"][];
            nextCursor: string | null;
            /** @description How many records match (counted up to 10,000). */
            total: number;
            /** @description More than `total` match. */
            totalCapped: boolean;
        };
        Ticket: {
            /** Format: uuid */
            id: string;
            /** @description How the record is named in lists and links. */
            title: string;
            /** @description Send it back in an update: a newer version answers 409 STALE. */
            version: number;
            /** @description Subject */
            subject: string | null;
            /** @description Description */
            description: string | null;
            /**
             * @description Status
             * @enum {string|null}
             */
            status: "new" | "open" | "pending" | "resolved" | "closed" | null;
            /**
             * @description Priority
             * @enum {string|null}
             */
            priority: "low" | "normal" | "high" | "urgent" | null;
            /**
             * @description Channel
             * @enum {string|null}
             */
            channel: "email" | "phone" | "web" | "chat" | null;
            /**
             * Format: uuid
             * @description Account
             */
            accountId: string | null;
            /**
             * Format: uuid
             * @description Contact
             */
            contactId: string | null;
            /**
             * Format: date-time
             * @description SLA due
             */
            slaDueAt: string | null;
            /**
             * Format: date-time
             * @description SLA breached
             */
            slaBreachedAt: string | null;
            /**
             * Format: date-time
             * @description First response
             */
            firstResponseAt: string | null;
            /**
             * Format: date-time
             * @description Resolved
             */
            resolvedAt: string | null;
            /**
             * Format: uuid
             * @description Assignee
             */
            ownerId: string | null;
            /**
             * Format: date-time
             * @description Created
             */
            createdAt: string | null;
            /**
             * Format: date-time
             * @description Updated
             */
            updatedAt: string | null;
            /** @description The assignee and their name. */
            owner: {
                /** Format: uuid */
                id: string;
                name: string;
            } | null;
            /** @description Values of the workspace's custom fields, by key (GET /custom-fields). */
            custom: {
                [key: string]: string | number | null;
            };
            /** @description Names of the records its reference fields point at, by field. */
            refs: {
                [key: string]: {
                    /** Format: uuid */
                    id: string;
                    title: string;
                } | null;
            };
            /** Format: date-time */
            deletedAt: string | null;
        };
        CustomField: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            recordType: "accounts" | "contacts" | "leads" | "deals" | "tasks" | "tickets";
            key: string;
            label: string;
            /** @enum {string} */
            type: "text" | "number" | "date" | "select";
            options: string[];
            required: boolean;
            position: number;
        };
        MemberPage: {
            items: components["schemas"]["Member"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        Member: {
            /** Format: uuid */
            id: string;
            email: string;
            name: string;
            role: {
                key: string;
                name: string;
            };
            /** @enum {string} */
            status: "invited" | "active" | "deactivated";
            /** Format: date-time */
            lastActiveAt: string | null;
            /** Format: date-time */
            createdAt: string;
            teams: {
                /** Format: uuid */
                id: string;
                name: string;
            }[];
        };
        Team: {
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: uuid */
            parentId: string | null;
            members: number;
        };
        DashboardSummary: {
            /** Format: uuid */
            id: string;
            name: string;
            description: string | null;
            /** Format: uuid */
            ownerId: string | null;
            ownerName: string | null;
            /** @description Roles whose members may open it. */
            sharedRoleKeys: string[];
            widgetCount: number;
            version: number;
            /** Format: date-time */
            updatedAt: string;
        };
        Dashboard: {
            /** Format: uuid */
            id: string;
            name: string;
            description: string | null;
            /** Format: uuid */
            ownerId: string | null;
            ownerName: string | null;
            /** @description Roles whose members may open it. */
            sharedRoleKeys: string[];
            widgetCount: number;
            version: number;
            /** Format: date-time */
            updatedAt: string;
            widgets: {
                id: string;
                title: string;
                chart: string;
                /** @description The metric, breakdown and filters it shows (without a date range); absent on a report widget. */
                query?: {
                    [key: string]: unknown;
                };
                /** @description The saved report it shows (its own filters; the date range does not apply), and how many rows; absent on a metric widget. */
                report?: {
                    /** Format: uuid */
                    id: string;
                    rows: number;
                };
                layout: {
                    x: number;
                    y: number;
                    w: number;
                    h: number;
                };
            }[];
        };
        DashboardData: {
            range: {
                /** Format: date */
                from: string;
                /** Format: date */
                to: string;
            };
            /** @description One answer per widget, in the dashboard's order; a widget over data the caller may not read answers an error instead, and one showing a saved report names the report. */
            widgets: ({
                widgetId: string;
                metric: string;
                format: string;
                total: number | null;
                previous: number | null;
                change: number | null;
                categories: {
                    key: string;
                    label: string;
                    /** @description The list filters that show this category's records. */
                    drill?: {
                        [key: string]: string;
                    };
                }[];
                series: {
                    key: string;
                    label: string;
                    values: (number | null)[];
                }[];
                /** @description The revision of the data it was computed from. */
                revision: string;
            } | {
                widgetId: string;
                error: {
                    code: string;
                    message: string;
                };
            } | {
                widgetId: string;
                /** @description The saved report this widget shows; its rows are the report's, not the range's. */
                report: {
                    /** Format: uuid */
                    id: string;
                    rows: number;
                };
            })[];
        };
        AuditPage: {
            items: components["schemas"]["AuditEntry"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        AuditEntry: {
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            createdAt: string;
            actorType: string;
            actorId: string | null;
            actorEmail: string | null;
            action: string;
            entityType: string | null;
            entityId: string | null;
            /** @description The values before the change (secrets hidden). */
            before: {
                [key: string]: unknown;
            } | null;
            /** @description The values after it (secrets hidden). */
            after: {
                [key: string]: unknown;
            } | null;
            ip: string | null;
            requestId: string | null;
            impersonatedBy: string | null;
        };
        WebhookEndpoint: {
            /** Format: uuid */
            id: string;
            url: string;
            description: string;
            eventTypes: string[];
            enabled: boolean;
            disabledReason: string | null;
            /** Format: date-time */
            failingSince: string | null;
            /** Format: date-time */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description Deliveries of the last 24 hours by outcome. */
            recent: {
                delivered: number;
                failed: number;
                pending: number;
            };
        };
        WebhookEndpointCreated: {
            /** Format: uuid */
            id: string;
            url: string;
            description: string;
            eventTypes: string[];
            enabled: boolean;
            disabledReason: string | null;
            /** Format: date-time */
            failingSince: string | null;
            /** Format: date-time */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description Deliveries of the last 24 hours by outcome. */
            recent: {
                delivered: number;
                failed: number;
                pending: number;
            };
            /** @description The signing secret (`whsec_…`); also readable later by an admin. */
            secret: string;
        };
        EventType: {
            type: string;
            version: number;
            label: string;
            group: string;
            permission: string;
        };
        WebhookDeliveryPage: {
            items: components["schemas"]["WebhookDelivery"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        WebhookDelivery: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            eventId: string;
            eventType: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** @description The HTTP status of the last attempt. */
            lastStatus: number | null;
            /** @description Why the last attempt failed (timeout, refused, …). */
            lastError: string | null;
            /** Format: date-time */
            deliveredAt: string | null;
            /** Format: date-time */
            createdAt: string;
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
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAccounts: {
        parameters: {
            query?: {
                /** @description Items per page (1–200). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                sort?: "name" | "industry" | "city" | "country" | "employees" | "createdAt" | "updatedAt";
                dir?: "asc" | "desc";
                /** @description Words the title contains. */
                q?: string;
                /** @description `true` lists the deleted records (restorable for 30 days). */
                deleted?: "true" | "false";
                /** @description Industry: one value or a comma-separated list. */
                industry?: string;
                /** @description City: one value or a comma-separated list. */
                city?: string;
                /** @description Country: one value or a comma-separated list. */
                country?: string;
                /** @description Employees from (inclusive). */
                employeesFrom?: string;
                /** @description Employees to (inclusive). */
                employeesTo?: string;
                /** @description Owner: one value or a comma-separated list. */
                ownerId?: string;
                /** @description Created from (inclusive). */
                createdAtFrom?: string;
                /** @description Created to (inclusive). */
                createdAtTo?: string;
                /** @description Updated from (inclusive). */
                updatedAtFrom?: string;
                /** @description Updated to (inclusive). */
                updatedAtTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountPage"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createAccount: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    domain?: string | null;
                    industry?: string | null;
                    phone?: string | null;
                    city?: string | null;
                    country?: string | null;
                    employees?: number | null;
                    /** Format: uuid */
                    ownerId?: string | null;
                    custom?: {
                        [key: string]: string | number | null;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listContacts: {
        parameters: {
            query?: {
                /** @description Items per page (1–200). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                sort?: "firstName" | "lastName" | "createdAt" | "updatedAt";
                dir?: "asc" | "desc";
                /** @description Words the title contains. */
                q?: string;
                /** @description `true` lists the deleted records (restorable for 30 days). */
                deleted?: "true" | "false";
                /** @description Email: one value or a comma-separated list. */
                email?: string;
                /** @description Account: one value or a comma-separated list. */
                accountId?: string;
                /** @description Owner: one value or a comma-separated list. */
                ownerId?: string;
                /** @description Created from (inclusive). */
                createdAtFrom?: string;
                /** @description Created to (inclusive). */
                createdAtTo?: string;
                /** @description Updated from (inclusive). */
                updatedAtFrom?: string;
                /** @description Updated to (inclusive). */
                updatedAtTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactPage"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createContact: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    firstName: string;
                    lastName: string;
                    email?: string | null;
                    phone?: string | null;
                    jobTitle?: string | null;
                    /** Format: uuid */
                    accountId?: string | null;
                    /** Format: uuid */
                    ownerId?: string | null;
                    custom?: {
                        [key: string]: string | number | null;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listLeads: {
        parameters: {
            query?: {
                /** @description Items per page (1–200). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                sort?: "firstName" | "lastName" | "company" | "status" | "source" | "convertedAt" | "createdAt" | "updatedAt";
                dir?: "asc" | "desc";
                /** @description Words the title contains. */
                q?: string;
                /** @description `true` lists the deleted records (restorable for 30 days). */
                deleted?: "true" | "false";
                /** @description Email: one value or a comma-separated list. */
                email?: string;
                /** @description Status: one value or a comma-separated list. */
                status?: string;
                /** @description Source: one value or a comma-separated list. */
                source?: string;
                /** @description Owner: one value or a comma-separated list. */
                ownerId?: string;
                /** @description Converted from (inclusive). */
                convertedAtFrom?: string;
                /** @description Converted to (inclusive). */
                convertedAtTo?: string;
                /** @description Created from (inclusive). */
                createdAtFrom?: string;
                /** @description Created to (inclusive). */
                createdAtTo?: string;
                /** @description Updated from (inclusive). */
                updatedAtFrom?: string;
                /** @description Updated to (inclusive). */
                updatedAtTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadPage"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createLead: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    firstName: string;
                    lastName: string;
                    email?: string | null;
                    phone?: string | null;
                    company?: string | null;
                    /** @enum {string} */
                    status?: "new" | "contacted" | "qualified" | "lost";
                    /** @enum {string|null} */
                    source?: "website" | "referral" | "event" | "outbound" | "partner" | "advertising" | "other" | null;
                    lostReason?: string | null;
                    /** Format: uuid */
                    ownerId?: string | null;
                    custom?: {
                        [key: string]: string | number | null;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lead"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDeals: {
        parameters: {
            query?: {
                /** @description Items per page (1–200). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                sort?: "name" | "amountMinor" | "expectedCloseDate" | "source" | "status" | "closedAt" | "createdAt" | "updatedAt";
                dir?: "asc" | "desc";
                /** @description Words the title contains. */
                q?: string;
                /** @description `true` lists the deleted records (restorable for 30 days). */
                deleted?: "true" | "false";
                /** @description Account: one value or a comma-separated list. */
                accountId?: string;
                /** @description Contact: one value or a comma-separated list. */
                contactId?: string;
                /** @description Pipeline: one value or a comma-separated list. */
                pipelineId?: string;
                /** @description Stage: one value or a comma-separated list. */
                stageId?: string;
                /** @description Amount from (inclusive). */
                amountMinorFrom?: string;
                /** @description Amount to (inclusive). */
                amountMinorTo?: string;
                /** @description Expected close from (inclusive). */
                expectedCloseDateFrom?: string;
                /** @description Expected close to (inclusive). */
                expectedCloseDateTo?: string;
                /** @description Source: one value or a comma-separated list. */
                source?: string;
                /** @description Status: one value or a comma-separated list. */
                status?: string;
                /** @description Closed from (inclusive). */
                closedAtFrom?: string;
                /** @description Closed to (inclusive). */
                closedAtTo?: string;
                /** @description Owner: one value or a comma-separated list. */
                ownerId?: string;
                /** @description Created from (inclusive). */
                createdAtFrom?: string;
                /** @description Created to (inclusive). */
                createdAtTo?: string;
                /** @description Updated from (inclusive). */
                updatedAtFrom?: string;
                /** @description Updated to (inclusive). */
                updatedAtTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealPage"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createDeal: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** Format: uuid */
                    accountId?: string | null;
                    /** Format: uuid */
                    contactId?: string | null;
                    /** Format: uuid */
                    pipelineId?: string;
                    /** Format: uuid */
                    stageId?: string;
                    amountMinor?: number;
                    /** @enum {string} */
                    currency?: "USD" | "EUR" | "GBP" | "CHF" | "CAD" | "AUD" | "JPY" | "SEK" | "NOK" | "DKK" | "PLN" | "BRL" | "INR";
                    /** Format: date */
                    expectedCloseDate?: string | null;
                    /** @enum {string|null} */
                    source?: "website" | "referral" | "event" | "outbound" | "partner" | "advertising" | "other" | null;
                    lostReason?: string | null;
                    /** Format: uuid */
                    ownerId?: string | null;
                    custom?: {
                        [key: string]: string | number | null;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deal"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTasks: {
        parameters: {
            query?: {
                /** @description Items per page (1–200). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                sort?: "title" | "status" | "priority" | "dueAt" | "completedAt" | "createdAt" | "updatedAt";
                dir?: "asc" | "desc";
                /** @description Words the title contains. */
                q?: string;
                /** @description `true` lists the deleted records (restorable for 30 days). */
                deleted?: "true" | "false";
                /** @description Status: one value or a comma-separated list. */
                status?: string;
                /** @description Priority: one value or a comma-separated list. */
                priority?: string;
                /** @description Due from (inclusive). */
                dueAtFrom?: string;
                /** @description Due to (inclusive). */
                dueAtTo?: string;
                /** @description Related type: one value or a comma-separated list. */
                relatedType?: string;
                /** @description Completed from (inclusive). */
                completedAtFrom?: string;
                /** @description Completed to (inclusive). */
                completedAtTo?: string;
                /** @description Assignee: one value or a comma-separated list. */
                ownerId?: string;
                /** @description Created from (inclusive). */
                createdAtFrom?: string;
                /** @description Created to (inclusive). */
                createdAtTo?: string;
                /** @description Updated from (inclusive). */
                updatedAtFrom?: string;
                /** @description Updated to (inclusive). */
                updatedAtTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskPage"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title: string;
                    description?: string | null;
                    /** @enum {string} */
                    status?: "open" | "done";
                    /** @enum {string} */
                    priority?: "low" | "normal" | "high" | "urgent";
                    /** Format: date-time */
                    dueAt?: string | null;
                    /** @enum {string|null} */
                    relatedType?: "accounts" | "contacts" | "leads" | "deals" | "tickets" | null;
                    /** Format: uuid */
                    relatedId?: string | null;
                    /** Format: uuid */
                    ownerId?: string | null;
                    custom?: {
                        [key: string]: string | number | null;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTickets: {
        parameters: {
            query?: {
                /** @description Items per page (1–200). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                sort?: "subject" | "status" | "priority" | "slaDueAt" | "resolvedAt" | "createdAt" | "updatedAt";
                dir?: "asc" | "desc";
                /** @description Words the title contains. */
                q?: string;
                /** @description `true` lists the deleted records (restorable for 30 days). */
                deleted?: "true" | "false";
                /** @description Status: one value or a comma-separated list. */
                status?: string;
                /** @description Priority: one value or a comma-separated list. */
                priority?: string;
                /** @description Channel: one value or a comma-separated list. */
                channel?: string;
                /** @description Account: one value or a comma-separated list. */
                accountId?: string;
                /** @description Contact: one value or a comma-separated list. */
                contactId?: string;
                /** @description SLA due from (inclusive). */
                slaDueAtFrom?: string;
                /** @description SLA due to (inclusive). */
                slaDueAtTo?: string;
                /** @description Resolved from (inclusive). */
                resolvedAtFrom?: string;
                /** @description Resolved to (inclusive). */
                resolvedAtTo?: string;
                /** @description Assignee: one value or a comma-separated list. */
                ownerId?: string;
                /** @description Created from (inclusive). */
                createdAtFrom?: string;
                /** @description Created to (inclusive). */
                createdAtTo?: string;
                /** @description Updated from (inclusive). */
                updatedAtFrom?: string;
                /** @description Updated to (inclusive). */
                updatedAtTo?: string;
                /** @description Only tickets past (or within) their SLA. */
                breached?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPage"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createTicket: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    subject: string;
                    description?: string | null;
                    /** @enum {string} */
                    status?: "new" | "open" | "pending" | "resolved" | "closed";
                    /** @enum {string} */
                    priority?: "low" | "normal" | "high" | "urgent";
                    /** @enum {string|null} */
                    channel?: "email" | "phone" | "web" | "chat" | null;
                    /** Format: uuid */
                    accountId?: string | null;
                    /** Format: uuid */
                    contactId?: string | null;
                    /** Format: uuid */
                    ownerId?: string | null;
                    custom?: {
                        [key: string]: string | number | null;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAccount: {
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
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAccount: {
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
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateAccount: {
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
                "application/json": {
                    name?: string;
                    domain?: string | null;
                    industry?: string | null;
                    phone?: string | null;
                    city?: string | null;
                    country?: string | null;
                    employees?: number | null;
                    /** Format: uuid */
                    ownerId?: string | null;
                    custom?: {
                        [key: string]: string | number | null;
                    };
                    version: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Someone changed it since the `version` you sent (`STALE`); the answer holds the current record. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getContact: {
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
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteContact: {
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
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateContact: {
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
                "application/json": {
                    firstName?: string;
                    lastName?: string;
                    email?: string | null;
                    phone?: string | null;
                    jobTitle?: string | null;
                    /** Format: uuid */
                    accountId?: string | null;
                    /** Format: uuid */
                    ownerId?: string | null;
                    custom?: {
                        [key: string]: string | number | null;
                    };
                    version: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Someone changed it since the `version` you sent (`STALE`); the answer holds the current record. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getLead: {
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
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lead"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteLead: {
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
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateLead: {
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
                "application/json": {
                    firstName?: string;
                    lastName?: string;
                    email?: string | null;
                    phone?: string | null;
                    company?: string | null;
                    /** @enum {string} */
                    status?: "new" | "contacted" | "qualified" | "lost";
                    /** @enum {string|null} */
                    source?: "website" | "referral" | "event" | "outbound" | "partner" | "advertising" | "other" | null;
                    lostReason?: string | null;
                    /** Format: uuid */
                    ownerId?: string | null;
                    custom?: {
                        [key: string]: string | number | null;
                    };
                    version: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lead"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Someone changed it since the `version` you sent (`STALE`); the answer holds the current record. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDeal: {
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
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deal"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteDeal: {
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
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateDeal: {
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
                "application/json": {
                    name?: string;
                    /** Format: uuid */
                    accountId?: string | null;
                    /** Format: uuid */
                    contactId?: string | null;
                    /** Format: uuid */
                    pipelineId?: string;
                    /** Format: uuid */
                    stageId?: string;
                    amountMinor?: number;
                    /** @enum {string} */
                    currency?: "USD" | "EUR" | "GBP" | "CHF" | "CAD" | "AUD" | "JPY" | "SEK" | "NOK" | "DKK" | "PLN" | "BRL" | "INR";
                    /** Format: date */
                    expectedCloseDate?: string | null;
                    /** @enum {string|null} */
                    source?: "website" | "referral" | "event" | "outbound" | "partner" | "advertising" | "other" | null;
                    lostReason?: string | null;
                    /** Format: uuid */
                    ownerId?: string | null;
                    custom?: {
                        [key: string]: string | number | null;
                    };
                    version: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deal"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Someone changed it since the `version` you sent (`STALE`); the answer holds the current record. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTask: {
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
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteTask: {
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
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateTask: {
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
                "application/json": {
                    title?: string;
                    description?: string | null;
                    /** @enum {string} */
                    status?: "open" | "done";
                    /** @enum {string} */
                    priority?: "low" | "normal" | "high" | "urgent";
                    /** Format: date-time */
                    dueAt?: string | null;
                    /** @enum {string|null} */
                    relatedType?: "accounts" | "contacts" | "leads" | "deals" | "tickets" | null;
                    /** Format: uuid */
                    relatedId?: string | null;
                    /** Format: uuid */
                    ownerId?: string | null;
                    custom?: {
                        [key: string]: string | number | null;
                    };
                    version: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Someone changed it since the `version` you sent (`STALE`); the answer holds the current record. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTicket: {
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
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteTicket: {
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
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateTicket: {
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
                "application/json": {
                    subject?: string;
                    description?: string | null;
                    /** @enum {string} */
                    status?: "new" | "open" | "pending" | "resolved" | "closed";
                    /** @enum {string} */
                    priority?: "low" | "normal" | "high" | "urgent";
                    /** @enum {string|null} */
                    channel?: "email" | "phone" | "web" | "chat" | null;
                    /** Format: uuid */
                    accountId?: string | null;
                    /** Format: uuid */
                    contactId?: string | null;
                    /** Format: uuid */
                    ownerId?: string | null;
                    custom?: {
                        [key: string]: string | number | null;
                    };
                    version: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Someone changed it since the `version` you sent (`STALE`); the answer holds the current record. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    restoreAccount: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    restoreContact: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    restoreLead: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lead"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    restoreDeal: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deal"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    restoreTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    restoreTicket: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCustomFields: {
        parameters: {
            query?: {
                recordType?: "accounts" | "contacts" | "leads" | "deals" | "tasks" | "tickets";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["CustomField"][];
                    };
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query?: {
                /** @description Words of the name or email. */
                search?: string;
                /** @description A role key. */
                role?: string;
                status?: "invited" | "active" | "deactivated";
                /** @description Items per page (1–100). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberPage"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTeams: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Team"][];
                    };
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDashboards: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["DashboardSummary"][];
                    };
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDashboard: {
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
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDashboardData: {
        parameters: {
            query?: {
                /** @description First day (YYYY-MM-DD) in the workspace's time zone; default 30 days before `to`. */
                from?: string;
                /** @description Last day (YYYY-MM-DD); default today. */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardData"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAuditLog: {
        parameters: {
            query?: {
                action?: string;
                actor?: string;
                entityType?: string;
                entityId?: string;
                requestId?: string;
                from?: string;
                to?: string;
                impersonation?: "true" | "false";
                /** @description Items per page (1–100). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WebhookEndpoint"][];
                    };
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    eventTypes: string[];
                    /** @default  */
                    description?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointCreated"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookEventTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["EventType"][];
                    };
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWebhookEndpoint: {
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
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWebhookEndpoint: {
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
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateWebhookEndpoint: {
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
                "application/json": {
                    url?: string;
                    eventTypes?: string[];
                    description?: string;
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                status?: "pending" | "delivered" | "failed";
                /** @description Items per page (1–100). */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replayFailedWebhookDeliveries: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    since: string;
                };
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        replayed: number;
                    };
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replayWebhookDelivery: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 visible characters, unique per intended change (a UUID). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description Invalid input: `data.issues` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key or role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not there, not visible to the caller, or the module is off in this workspace. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was used before with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key: wait `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
