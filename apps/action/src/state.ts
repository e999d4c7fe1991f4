/** Names of the values the main step hands to the post step (GITHUB_STATE -> STATE_<name>). */
export const STATE = {
  isPost: 'isPost',
  /** JSON: the profile written into the credentials file and how to undo it (no secrets). */
  profile: 'profile',
} as const
