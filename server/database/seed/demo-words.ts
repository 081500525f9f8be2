// Word lists for the demo records (server/database/seed/demo-records.ts): enough variety that 10,000
// contacts and 2,000 companies read like a real book of business, with no dependency.

export const FIRST_NAMES = [
  'Ada', 'Adrian', 'Aisha', 'Alan', 'Alice', 'Amara', 'Amelia', 'Ana', 'Andrea', 'Anna', 'Arjun', 'Ben', 'Bianca', 'Carla',
  'Carlos', 'Charlotte', 'Chen', 'Chloe', 'Daniel', 'David', 'Diego', 'Elena', 'Eli', 'Emma', 'Erik', 'Fatima', 'Felix',
  'Fiona', 'Gabriel', 'Grace', 'Hana', 'Hannah', 'Hugo', 'Ines', 'Isaac', 'Ivan', 'Jack', 'James', 'Jana', 'Javier', 'Jonas',
  'Julia', 'Kai', 'Karim', 'Kate', 'Kenji', 'Laura', 'Lea', 'Leo', 'Lina', 'Lucas', 'Lucy', 'Maya', 'Marco', 'Maria', 'Mateo',
  'Mei', 'Mia', 'Nadia', 'Nina', 'Noah', 'Nora', 'Olga', 'Omar', 'Oscar', 'Paula', 'Peter', 'Priya', 'Rafael', 'Rosa', 'Ravi',
  'Sara', 'Sean', 'Sofia', 'Stefan', 'Tara', 'Theo', 'Tomás', 'Uma', 'Victor', 'Wei', 'Yara', 'Yusuf', 'Zoe', 'Zainab',
] as const

export const LAST_NAMES = [
  'Abbott', 'Adeyemi', 'Alvarez', 'Andersen', 'Baker', 'Bauer', 'Becker', 'Bennett', 'Brooks', 'Campbell', 'Castillo', 'Chen',
  'Clarke', 'Costa', 'Dubois', 'Duarte', 'Edwards', 'Eriksson', 'Fischer', 'Fleming', 'Garcia', 'Gonzalez', 'Gupta', 'Hansen',
  'Hartmann', 'Hayes', 'Hoffmann', 'Hughes', 'Ibrahim', 'Ito', 'Jensen', 'Johansson', 'Kaplan', 'Kelly', 'Khan', 'Kim',
  'Kowalski', 'Larsen', 'Lee', 'Lindqvist', 'Lopez', 'Martin', 'Meyer', 'Mills', 'Moreau', 'Morgan', 'Müller', 'Murphy',
  'Nakamura', 'Nguyen', 'Novak', 'Nowak', 'O\'Brien', 'Okafor', 'Olsen', 'Park', 'Patel', 'Perez', 'Petrov', 'Quinn', 'Reyes',
  'Richter', 'Rivera', 'Rossi', 'Russo', 'Sato', 'Schmidt', 'Schulz', 'Silva', 'Singh', 'Sousa', 'Stewart', 'Suzuki',
  'Tanaka', 'Taylor', 'Thompson', 'Vargas', 'Vogel', 'Wagner', 'Walsh', 'Weber', 'Wright', 'Yilmaz', 'Young', 'Zhang',
] as const

export const COMPANY_FIRST = [
  'Blue', 'North', 'Silver', 'Bright', 'Cedar', 'Harbor', 'Summit', 'Atlas', 'Iron', 'Golden', 'Maple', 'Red', 'Pine', 'Granite',
  'Clear', 'Open', 'Swift', 'True', 'Green', 'Stone', 'Oak', 'West', 'East', 'Polar', 'Sun', 'Lunar', 'Crescent', 'Vertex',
  'Nova', 'Apex', 'Prime', 'Quantum', 'Rapid', 'Urban', 'Coastal', 'Alpine', 'Evergreen', 'Copper', 'Falcon', 'Meridian',
] as const

export const COMPANY_SECOND = [
  'River', 'Peak', 'Bridge', 'Field', 'Wave', 'Forge', 'Leaf', 'Line', 'Point', 'Gate', 'Rock', 'Star', 'Path', 'Wing', 'Light',
  'Bay', 'Ridge', 'Works', 'Craft', 'Grid', 'Signal', 'Harvest', 'Spring', 'Compass', 'Anchor', 'Arrow', 'Beacon', 'Crown',
  'Vale', 'Shore', 'Hill', 'Lake', 'Sky', 'Stream', 'Tower', 'Haven', 'Mill', 'Port', 'Wood', 'Frame',
] as const

export const COMPANY_KIND = [
  'Logistics', 'Systems', 'Foods', 'Health', 'Labs', 'Capital', 'Energy', 'Media', 'Retail', 'Analytics', 'Partners', 'Group',
  'Manufacturing', 'Software', 'Consulting', 'Studios', 'Robotics', 'Pharma', 'Networks', 'Builders', 'Outfitters', 'Hotels',
  'Insurance', 'Motors', 'Textiles', 'Farms', 'Education', 'Dynamics', 'Holdings', 'Technologies',
] as const

export const INDUSTRIES = [
  'Software', 'Manufacturing', 'Retail', 'Healthcare', 'Financial services', 'Logistics', 'Education', 'Hospitality', 'Energy',
  'Construction', 'Media', 'Telecommunications', 'Agriculture', 'Real estate', 'Professional services',
] as const

/** City, country, top-level domain, phone prefix. */
export const PLACES = [
  ['New York', 'United States', 'com', '+1 212'], ['San Francisco', 'United States', 'com', '+1 415'], ['Chicago', 'United States', 'com', '+1 312'],
  ['Austin', 'United States', 'com', '+1 512'], ['Boston', 'United States', 'com', '+1 617'], ['Seattle', 'United States', 'com', '+1 206'],
  ['Toronto', 'Canada', 'ca', '+1 416'], ['Vancouver', 'Canada', 'ca', '+1 604'], ['London', 'United Kingdom', 'co.uk', '+44 20'],
  ['Manchester', 'United Kingdom', 'co.uk', '+44 161'], ['Dublin', 'Ireland', 'ie', '+353 1'], ['Berlin', 'Germany', 'de', '+49 30'],
  ['Munich', 'Germany', 'de', '+49 89'], ['Hamburg', 'Germany', 'de', '+49 40'], ['Paris', 'France', 'fr', '+33 1'],
  ['Lyon', 'France', 'fr', '+33 4'], ['Amsterdam', 'Netherlands', 'nl', '+31 20'], ['Madrid', 'Spain', 'es', '+34 91'],
  ['Barcelona', 'Spain', 'es', '+34 93'], ['Milan', 'Italy', 'it', '+39 02'], ['Stockholm', 'Sweden', 'se', '+46 8'],
  ['Copenhagen', 'Denmark', 'dk', '+45 33'], ['Zurich', 'Switzerland', 'ch', '+41 44'], ['Vienna', 'Austria', 'at', '+43 1'],
  ['Warsaw', 'Poland', 'pl', '+48 22'], ['Lisbon', 'Portugal', 'pt', '+351 21'], ['Sydney', 'Australia', 'com.au', '+61 2'],
  ['Melbourne', 'Australia', 'com.au', '+61 3'], ['Singapore', 'Singapore', 'sg', '+65 6'], ['Tokyo', 'Japan', 'jp', '+81 3'],
  ['São Paulo', 'Brazil', 'com.br', '+55 11'], ['Mexico City', 'Mexico', 'mx', '+52 55'],
] as const

export const JOB_TITLES = [
  'CEO', 'CFO', 'CTO', 'COO', 'VP Sales', 'VP Engineering', 'Head of Operations', 'Head of IT', 'Procurement Manager',
  'Operations Manager', 'IT Manager', 'Finance Director', 'Marketing Director', 'Product Manager', 'Office Manager',
  'Customer Success Lead', 'Purchasing Agent', 'Project Manager', 'Data Analyst', 'Solutions Architect', 'HR Director',
  'Founder', 'Managing Director', 'Account Manager', 'Logistics Coordinator',
] as const

export const DEAL_PRODUCTS = [
  'Annual subscription', 'Platform upgrade', 'Onboarding package', 'Enterprise plan', 'Support renewal', 'Pilot project',
  'Data migration', 'Seat expansion', 'Multi-year agreement', 'Analytics add-on', 'Integration services', 'Training programme',
  'Regional rollout', 'Premium support', 'Hardware refresh', 'Consulting retainer',
] as const

export const LOST_REASONS = ['Price too high', 'Chose a competitor', 'No budget this year', 'No decision made', 'Timing', 'Missing feature', 'Went silent'] as const

export const TICKET_SUBJECTS = [
  'Cannot sign in after password reset', 'Invoice for {month} shows the wrong amount', 'Export to CSV times out',
  'Error 500 when saving a {thing}', 'How do I add a new user?', 'Feature request: bulk edit {things}', 'Dashboard loads slowly',
  'Two-factor codes not accepted', 'Duplicate {things} after import', 'Email notifications stopped arriving',
  'Change billing address', 'Need a copy of our contract', 'API returns 429 too often', 'Report totals do not match',
  'Cannot upload attachments larger than 10 MB', 'Mobile app crashes on start', 'Request to delete old {things}',
  'Question about {month} invoice', 'Integration with our ERP fails', 'Permissions: manager cannot see {things}',
  'Timezone wrong on scheduled reports', 'SSO login loops back to the sign-in page', 'Add a second admin to our account',
  'Search does not find recent {things}', 'Printing labels misaligned', 'Data missing after sync', 'Upgrade to a higher plan',
  'Webhook deliveries failing', 'Password policy too strict for our team', 'Refund for duplicate charge',
] as const

export const TICKET_THINGS = ['order', 'customer', 'invoice', 'product', 'report', 'shipment', 'contact', 'project'] as const

export const TASK_TEMPLATES = [
  'Call {person}', 'Send proposal to {account}', 'Follow up on {deal}', 'Prepare QBR deck for {account}', 'Schedule demo with {person}',
  'Review contract terms for {deal}', 'Send pricing to {person}', 'Check in with {person} after onboarding', 'Update forecast for {deal}',
  'Book meeting with {account} procurement', 'Reply to {person} about renewal', 'Share case study with {person}',
  'Confirm delivery date for {account}', 'Collect feedback from {account}', 'Plan kickoff for {deal}',
] as const

export const NOTE_BODIES = [
  'Discussed pricing for next year; they want a multi-year discount.', 'Budget approved, waiting for procurement.',
  'Asked for references in their industry.', 'Champion is moving to another team; need a new contact.',
  'Good call, they liked the reporting features.', 'Security review requested — sent our questionnaire.',
  'They are comparing us with two other vendors.', 'Decision expected by end of quarter.',
  'Requested a trial for 20 users.', 'Legal has comments on the liability clause.', 'Renewal looks safe.',
  'Left a voicemail, will try again Thursday.', 'Sent the revised quote.', 'Demo went well; next step is a workshop.',
  'Customer reported the issue is fixed.', 'Escalated to engineering with logs attached.', 'Waiting for the customer to confirm.',
] as const

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const
