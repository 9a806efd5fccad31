/**
 * The story's dates. The ring runs from January 2023; the task force is formed in January 2024 after
 * the banks' suspicious-activity reports; search and seizure warrants are executed on the takedown day.
 */
export const TIMELINE = {
  start: '2023-01-02',
  takedown: '2024-06-27',
  caseOpened: '2024-01-09',
  /** The first collection account's bank closes it after fraud recalls; a second one takes over. */
  collectionBOpened: '2023-08-14',
  collectionAClosed: '2023-10-20',
  firstSmurfRun: '2023-03-07',
  smurfEveryDays: 28,
  /** Round trips dressed up as share subscriptions and loans. */
  loops: ['2023-04-12', '2023-07-11', '2023-10-10', '2024-01-16', '2024-04-09'],
  porsche: '2023-06-14',
  /** Structured cash payments for a pickup truck. */
  truckCash: '2023-09-05',
  realtyCapital: '2023-10-02',
  propertyTranches: ['2023-10-30', '2023-11-06', '2023-11-13'],
  realtyTranche: '2023-11-09',
  propertyClosing: '2023-11-17',
  /** The family stops renting once it moves into the house. */
  lastRent: '2023-11-01',
  rolex: '2023-12-08',
  cryptoTreasury: '2024-02-20',
  necklace: '2024-02-14',
  laptop: '2024-03-02',
} as const;
