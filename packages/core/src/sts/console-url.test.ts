import { describe, expect, it } from 'vitest'
import { IdcError } from '../errors.js'
import {
  consoleDestination,
  consoleEndpoints,
  federationLoginUrl,
  partitionOfArn,
  partitionOfRegion,
  portalConsoleUrl,
} from './console-url.js'

describe('console endpoints per partition', () => {
  it.each([
    ['us-east-1', 'aws', 'https://signin.aws.amazon.com/federation', 'https://console.aws.amazon.com'],
    ['eu-west-1', 'aws', 'https://signin.aws.amazon.com/federation', 'https://console.aws.amazon.com'],
    [
      'us-gov-west-1',
      'aws-us-gov',
      'https://signin.amazonaws-us-gov.com/federation',
      'https://console.amazonaws-us-gov.com',
    ],
    ['cn-northwest-1', 'aws-cn', 'https://signin.amazonaws.cn/federation', 'https://console.amazonaws.cn'],
  ])('%s: %s', (region, partition, federation, console) => {
    expect(partitionOfRegion(region)).toBe(partition)
    expect(consoleEndpoints(partitionOfRegion(region), {})).toEqual({ federation, console })
  })

  it('takes the partition of a role ARN', () => {
    expect(partitionOfArn('arn:aws-us-gov:iam::123456789012:role/A')).toBe('aws-us-gov')
    expect(partitionOfArn('arn:aws-cn:iam::123456789012:role/A')).toBe('aws-cn')
    expect(partitionOfArn('arn:aws:iam::123456789012:role/A')).toBe('aws')
  })

  it('AWS_IDC_ENDPOINT_URL_SIGNIN, else AWS_ENDPOINT_URL, points both at another origin', () => {
    expect(consoleEndpoints('aws', { AWS_ENDPOINT_URL: 'http://127.0.0.1:9/' })).toEqual({
      federation: 'http://127.0.0.1:9/federation',
      console: 'http://127.0.0.1:9/console',
      override: 'http://127.0.0.1:9',
    })
    expect(
      consoleEndpoints('aws-cn', {
        AWS_ENDPOINT_URL: 'http://a:1',
        AWS_IDC_ENDPOINT_URL_SIGNIN: 'http://b:2',
      }).federation,
    ).toBe('http://b:2/federation')
    expect(() => consoleEndpoints('aws', { AWS_IDC_ENDPOINT_URL_SIGNIN: 'ftp://x' })).toThrow(
      /AWS_IDC_ENDPOINT_URL_SIGNIN/,
    )
  })
})

describe('consoleDestination', () => {
  const base = 'https://console.aws.amazon.com'
  it.each([
    [undefined, 'https://console.aws.amazon.com/console/home?region=eu-west-1'],
    ['s3', 'https://console.aws.amazon.com/s3/home?region=eu-west-1'],
    ['EC2', 'https://console.aws.amazon.com/ec2/home?region=eu-west-1'],
    ['cloudformation', 'https://console.aws.amazon.com/cloudformation/home?region=eu-west-1'],
    ['cfn', 'https://console.aws.amazon.com/cloudformation/home?region=eu-west-1'],
    ['/s3/buckets/my-bucket', 'https://console.aws.amazon.com/s3/buckets/my-bucket?region=eu-west-1'],
    [
      '/ec2/home?region=us-west-2#Instances:',
      'https://console.aws.amazon.com/ec2/home?region=us-west-2#Instances:',
    ],
    [
      'https://us-east-1.console.aws.amazon.com/lambda/home',
      'https://us-east-1.console.aws.amazon.com/lambda/home',
    ],
  ])('%s', (input, expected) => {
    expect(consoleDestination(input, base, 'eu-west-1')).toBe(expected)
  })

  it('an emulator console keeps its /console prefix', () => {
    expect(consoleDestination('s3', 'http://127.0.0.1:9/console', 'us-east-1')).toBe(
      'http://127.0.0.1:9/console/s3/home?region=us-east-1',
    )
  })

  it.each([
    'https://evil.example/',
    'https://console.aws.amazon.com.evil.example/',
    'http://console.aws.amazon.com/',
    's3 buckets',
  ])('refuses %s', (input) => {
    const error = (() => {
      try {
        consoleDestination(input, base, 'us-east-1')
      } catch (e) {
        return e
      }
    })()
    expect(IdcError.is(error) && error.code).toBe('invalid-argument')
  })
})

describe('URLs', () => {
  it('the portal shortcut', () => {
    expect(
      portalConsoleUrl({
        startUrl: 'https://d-1234567890.awsapps.com/start/',
        accountId: '111111111111',
        roleName: 'ReadOnly',
        destination: 'https://console.aws.amazon.com/s3/home?region=eu-west-1',
      }),
    ).toBe(
      'https://d-1234567890.awsapps.com/start/#/console?account_id=111111111111&role_name=ReadOnly&destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fs3%2Fhome%3Fregion%3Deu-west-1',
    )
  })

  it('the federation login URL', () => {
    const url = new URL(
      federationLoginUrl({
        federation: 'https://signin.aws.amazon.com/federation',
        issuer: 'https://d-1234567890.awsapps.com/start',
        destination: 'https://console.aws.amazon.com/console/home?region=us-east-1',
        signinToken: 'tok+/=',
      }),
    )
    expect(Object.fromEntries(url.searchParams)).toEqual({
      Action: 'login',
      Issuer: 'https://d-1234567890.awsapps.com/start',
      Destination: 'https://console.aws.amazon.com/console/home?region=us-east-1',
      SigninToken: 'tok+/=',
    })
  })
})
