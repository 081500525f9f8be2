/**
 * Completes a sign-in our API already made (password, second factor, invitation): hands
 * nuxt-auth the session's public id, loads the session, and goes on to `target`.
 */
export function useSignedIn() {
  const { getSession } = useAuth()
  const { rawToken } = useAuthState()
  return async (response: { token: string }, target: string) => {
    rawToken.value = response.token
    await getSession({ force: true })
    await navigateTo(target)
  }
}
