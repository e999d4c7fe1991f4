import * as actions from '@actions/core'
import {
  type Credentials,
  configPaths,
  IdcError,
  loadConfigFiles,
  type SectionRef,
  type SectionUndo,
  sectionsIn,
  undoSectionWrite,
  writeSectionUndoable,
} from '@idc/core'
import { STATE } from './state.js'

function ref(name: string): SectionRef {
  return { file: 'credentials', type: 'profile', name }
}

/**
 * Writes `[name]` into the runner's shared credentials file for later steps, and hands the post
 * step what it needs to give the file back byte for byte (sizes and a hash, never contents). An
 * existing profile of that name is refused: the job would otherwise end without it.
 */
export async function writeProfile(
  name: string,
  c: Credentials,
  region: string | undefined,
): Promise<string> {
  const { credentialsFile } = configPaths(process.env)
  const files = await loadConfigFiles({ env: process.env })
  if (sectionsIn(files.credentials, 'profile').has(name)) {
    throw new IdcError(
      'invalid-argument',
      `The credentials file ${credentialsFile} already has a profile ${name}.`,
      {
        hint: 'Choose another profile-name: the post step removes the profile it wrote, and would remove yours.',
      },
    )
  }
  const written = await writeSectionUndoable(credentialsFile, ref(name), {
    aws_access_key_id: c.accessKeyId,
    aws_secret_access_key: c.secretAccessKey,
    ...(c.sessionToken ? { aws_session_token: c.sessionToken } : {}),
    ...(region ? { region } : {}),
  })
  actions.saveState(STATE.profile, JSON.stringify({ name, file: credentialsFile, undo: written.undo }))
  return written.path
}

/** The post step: gives the credentials file back as it was before the main step wrote the profile. */
export async function removeProfile(): Promise<void> {
  const saved = actions.getState(STATE.profile)
  if (!saved) return
  const { name, file, undo } = JSON.parse(saved) as { name: string; file: string; undo: SectionUndo }
  const result = await undoSectionWrite(file, ref(name), undo)
  actions.info(
    result.changed
      ? `Removed profile ${name} from ${file}.`
      : `Profile ${name} was already gone from ${file}.`,
  )
}
