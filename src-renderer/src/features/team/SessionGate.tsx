import { Center, Loader } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, type ReactNode } from 'react'
import { desktop, SIGNED_OUT_EVENT, transport } from '../../api/client'
import { useLiveUpdates } from '../../api/live-updates'
import { SignInPage } from './SignInPage'
import { teamKeys, useSessionResult } from './team-queries'
import { WorkspaceChooser } from './WorkspaceChooser'

/**
 * On a team server the app opens only for a signed-in person: until then (or once a session ends) the sign-in
 * page takes its place. A local workspace always has a "session", so the gate is transparent there.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const client = useQueryClient()
  const session = useSessionResult()
  // Over HTTP a team server tells open pages what changed; the desktop app's calls take another path.
  useLiveUpdates(transport === 'http' && session.data?.ok === true && session.data.data.workspace === 'team')
  useEffect(() => {
    // Any call refused as unauthenticated (expired, signed out elsewhere, disabled) brings the sign-in back.
    const signedOut = () => {
      client.setQueryData(teamKeys.session, {
        ok: false,
        error: { code: 'unauthenticated', message: 'Sign in to continue.' },
      })
    }
    window.addEventListener(SIGNED_OUT_EVENT, signedOut)
    return () => window.removeEventListener(SIGNED_OUT_EVENT, signedOut)
  }, [client])
  if (session.isPending)
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    )
  // The desktop app reaches a team server through its main process: there, the chooser also offers the local workspace.
  if (session.data && !session.data.ok && session.data.error.code === 'unauthenticated')
    return desktop ? <WorkspaceChooser /> : <SignInPage />
  return <>{children}</>
}
