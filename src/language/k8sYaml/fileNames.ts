// The names (executors, components, variables) a YAML file writes, located in it: what navigation
// and rename in SpinApp YAML work on.
import type { LanguageContext, Location } from '../types';
import { LineTable } from '../lineTable';
import { nameOccurrences, type NameOccurrence } from './nameOccurrences';
import type { YamlFile } from './siblingYamlFiles';

/** The names of one YAML file, with its line table. */
export interface FileNames {
  readonly uri: string;
  readonly lines: LineTable;
  readonly occurrences: readonly NameOccurrence[];
}

export function fileNames(file: YamlFile, ctx: LanguageContext): FileNames {
  return {
    uri: file.uri,
    lines: new LineTable(file.text),
    occurrences: nameOccurrences(file.text, ctx, file.uri),
  };
}

/** A located name of a file: the location and the occurrence. */
export interface NameLocation {
  readonly location: Location;
  readonly occurrence: NameOccurrence;
}

export function locate(file: FileNames, occurrence: NameOccurrence): NameLocation {
  return {
    location: { uri: file.uri, range: file.lines.range(occurrence.start, occurrence.end) },
    occurrence,
  };
}
