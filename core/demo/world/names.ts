/**
 * Word pools for the demo case. Fictional names: any likeness to a real person or company is chance.
 * The seed picks from them, so two seeds give two different casts.
 */

export const OPERATION_NAMES = [
  'Tidewater', 'Silver Heron', 'Mangrove Ledger', 'Black Reef', 'Saltmarsh', 'Coral Ledger', 'Low Tide',
  'Pelican Run', 'Undertow', 'Riptide', 'Sandbar', 'Driftwood', 'Keel Line', 'Spring Tide',
] as const;

export const MALE_FIRST = ['Marcus', 'Daniel', 'Victor', 'Rafael', 'Gregory', 'Anthony', 'Curtis', 'Hector', 'Douglas', 'Terrence'] as const;
export const FEMALE_FIRST = ['Alicia', 'Monica', 'Renee', 'Valeria', 'Denise', 'Carla', 'Lorena', 'Tamara', 'Yesenia', 'Brianna'] as const;
export const LAST = [
  'Hale', 'Delgado', 'Whitmore', 'Castellanos', 'Brandt', 'Okafor', 'Rivas', 'Pruitt', 'Santamaria', 'Kessler',
  'Moreau', 'Lindqvist', 'Ferreira', 'Abernathy', 'Novotny', 'Vance', 'Mercado', 'Holloway', 'Ibarra', 'Sutton',
] as const;
/** Panamanian surnames (paternal and maternal) for the nominee director. */
export const PANAMA_SURNAMES = ['Batista', 'Arosemena', 'Quintero', 'Chiari', 'Delvalle', 'Pinzón', 'Sanjur', 'Guardia'] as const;
export const MIDDLE_INITIALS = ['A.', 'J.', 'R.', 'L.', 'M.', 'T.', 'E.', 'D.'] as const;

/** Victims of the predicate fraud: older people paying "tech support", "refunds" and "security deposits". */
export const VICTIM_FIRST = [
  'Dorothy', 'Harold', 'Margaret', 'Walter', 'Betty', 'Eugene', 'Shirley', 'Raymond', 'Joan', 'Howard', 'Evelyn',
  'Gerald', 'Lorraine', 'Norman', 'Patricia', 'Clarence', 'Gloria', 'Ronald', 'Judith', 'Lawrence', 'Barbara', 'Frank',
] as const;
export const VICTIM_LAST = [
  'Keller', 'Thompson', 'Mayfield', 'Abbott', 'Gutierrez', 'Novak', 'Sheridan', 'Pratt', 'Olsen', 'Whitaker', 'Dunn',
  'Hargrove', 'Lowell', 'Beaumont', 'Fischer', 'Caldwell', 'Prescott', 'Yates', 'McBride', 'Harlan', 'Stroud', 'Ingram',
] as const;
export const VICTIM_STATES = ['OH', 'PA', 'MI', 'AZ', 'FL', 'TX', 'NY', 'IL', 'WI', 'NC', 'MN', 'IA', 'OR', 'NJ'] as const;
export const VICTIM_MEMOS = [
  'Tech support renewal', 'Refund processing fee', 'Account security deposit', 'Computer protection plan 5 yr',
  'Overpayment return', 'Fraud protection setup', 'Network security service', 'Software license reactivation',
] as const;

export const FRONT_COMPANIES = ['Brightpath Tech Solutions LLC', 'Clearview PC Care LLC', 'Sentinel Device Support LLC', 'NovaShield Help Desk LLC'] as const;
export const DELAWARE_SHELLS = ['Coastal Meridian Holdings LLC', 'Northstar Advisory Group LLC', 'Bluewater Consulting Partners LLC'] as const;
export const WYOMING_SHELLS = ['Granite Peak Ventures LLC', 'Red Butte Capital LLC', 'Powder River Strategies LLC'] as const;
export const PANAMA_SHELLS = ['Altamar Global Trading S.A.', 'Inversiones Costa Verde S.A.', 'Punta Pacifica Holdings S.A.'] as const;
export const REALTY_COMPANIES = ['Palmetto Bay Residential LLC', 'Coral Way Property Holdings LLC', 'Sable Palm Estates LLC'] as const;
export const MSB_NAMES = ['QuickCash Express Check Cashing Inc.', 'Dolphin Money Center Inc.', 'Flagler Check Cashing & Wires Inc.'] as const;
export const DEALERS = ['Sunshine Luxury Motors LLC', 'Biscayne Prestige Auto LLC', 'Gulf Coast Exotic Cars LLC'] as const;
export const LAW_FIRM_PARTNERS = ['Whitfield', 'Osei', 'Navarro', 'Blackwood', 'Esposito', 'Grant'] as const;

export const US_BANKS = [
  'Seacoast Harbor Bank, N.A.', 'First Biscayne Bank', 'Gulfstream National Bank', 'Coral Federal Credit Union',
  'Sabal Palm Bank', 'Everglades Community Bank', 'Atlantic Keys Savings Bank',
] as const;

export const GROCERS = ['Sunrise Market #0412', 'Sunrise Market #0388', 'Fresh Tide Grocers', 'Bayside Organic Market'] as const;
export const MERCHANTS = [
  'Shell Oil 5710', 'Coastal Grill & Bar', 'Amazon Marketplace', 'Target #1823', 'Walgreens #3391', 'Uber Trip',
  'Starbucks #20451', 'Home Depot #6314', 'Netflix.com', 'CVS Pharmacy #4412', 'Cinemark Dadeland', 'Chevron 0921',
] as const;
export const LUXURY_MERCHANTS = ['Harbour Lane Boutique', 'Bal Cay Fine Dining', 'Aventura Yacht Charters', 'Club Marea Miami Beach'] as const;

export const SPECIAL_AGENTS = [
  'SA Jordan Whitley', 'SA Priya Raman', 'SA Miguel Arce', 'SA Kathleen Moss', 'SA Darnell Hughes', 'SA Elena Volkova',
  'Det. Luis Carbonell', 'Det. Shauna Pierce', 'Inv. Thomas Greer',
] as const;
export const EVIDENCE_CUSTODIANS = ['Evidence Tech. R. Soto', 'Evidence Tech. M. Albright', 'Property Clerk J. Nguyen'] as const;

export const STREETS = ['SW 57th Ave', 'Old Cutler Rd', 'Granada Blvd', 'SW 112th St', 'Alhambra Cir', 'Journeys End Rd'] as const;
