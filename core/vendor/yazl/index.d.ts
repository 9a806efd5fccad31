// The vendored yazl keeps yazl 3.3.1's API, so it keeps its type declarations (@types/yazl).
export { ZipFile, dateToDosDateTime } from 'yazl';
export type { DirectoryOptions, EndOptions, FileOptions, Options, ReadStreamOptions } from 'yazl';
