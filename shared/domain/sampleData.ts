/**
 * The bundled synthetic sample returns (sample-data/, a made-up LA, no real children), known by
 * their SHA-256 checksums, which the import records for every file. The generator is seeded, so
 * the files, and these checksums, stay the same; test/unit/sampleData.test.ts holds the list to
 * the files. Used to say "synthetic sample data" wherever such data is loaded or exported.
 */
const SAMPLE_FILE_SHA256: ReadonlySet<string> = new Set([
  '5a787724955224b170984ca5fa96943717771158baccb8bcaec578d07fe9c270', // returns/2019/ad1.csv
  'ed1665bdb979ae6e458fd41ff63b4c47ebfb5738b1144ab6394567c15d445c31', // returns/2019/episodes.csv
  'f0fcae60758c686599c6dbc78b0e68791742ec7e262763625d9456c4e2e1ffb3', // returns/2019/header.csv
  'a8a345bd19b02bdbb5b759becf8abdd6a6f1f944eb7bd2266fefbf943ec64dfa', // returns/2019/missing.csv
  '76ffbb7b4a4f542e5f9b07e21c2b327ee95a3ca40158b4874225ddae955b883d', // returns/2019/oc2.csv
  '20dc4acf715a0cfce45f7719e9c1d6686fff49d2bf44211812945ff52a74b1fa', // returns/2019/oc3.csv
  'a2065734fcb4357e16071865242d5c5572dfa18da573fe0d06f976b44f5bbb27', // returns/2019/placed_for_adoption.csv
  'd9bb8e1836951f8c000e2b75675e400172439727cffc75ba7eb1b017a7149a62', // returns/2019/previous_permanence.csv
  '8a42db1448043dfbbcb445d6fb4be3f567dfb5191771109574639369c2f7f21f', // returns/2019/reviews.csv
  '46de69f1931017384f167984e30ee6797f050db9f4b7a534fb5b417b90b3e971', // returns/2019/uasc.csv
  '57c3b2deda9cf571906b963fcae3ce1bc4958d54d2eaa51d2b3f83755097e535', // returns/2020/ad1.csv
  'fb670b9c78da3514f8e4b77bbe0250ddf0292ede62b5ff9645c773f09d241df3', // returns/2020/episodes.csv
  'b99fc82109f52ba12f81ed70c5fd3ceab9d0abb469321aa0182aa687a2ff23a5', // returns/2020/header.csv
  'f877a3d3c5a045366f7ed4d99d72ae444e3faf585f1e1f8bc561b1a389d46be2', // returns/2020/missing.csv
  '74214accff7acfd852c0ccf4f37f6d37fc88b1fc16de69cdd1d3863b93b1b94a', // returns/2020/oc2.csv
  '0a459aba793a0b8ec6ecd47f22d8f75801fe5de303ac6a622d14e6378c890acd', // returns/2020/oc3.csv
  'b33b6c535b2a371ecc433536d9cf855deb4e9e841e93dcba9a3a2d4187bbd0d2', // returns/2020/placed_for_adoption.csv
  '5d632bc3519fcd5318603c9dd70f45de8f594b071803e2c8cc2867853a5fc304', // returns/2020/previous_permanence.csv
  '506e1dd5fde2f067a0a22a000366e9bc7b23a9eaa3a8638299df334133fb1997', // returns/2020/reviews.csv
  '3e2c829f39ea309b7bfcf4f9159911fd7310909469cae3ea6a988c2c0a329a5e', // returns/2020/uasc.csv
  'c97c1d7c65125c7e6a31636866b35de52bf7bf3148ce05c4472d21ff9547f7dd', // returns/2021/ad1.csv
  '471fb60f6b8b28e039b19f12ec0a2527181aa1af451d12e85d5e405fe8419510', // returns/2021/episodes.csv
  '660f3ccbc3dc02feccaa796c2306df9c79e8ba167a1431c089e444f2334b771a', // returns/2021/header.csv
  '546518d43b134287aa425700642d455d134daf70adbfd59b8afa2c601a1c21e4', // returns/2021/missing.csv
  'f5c163580a7416a0b4c4ba4ee1d900c2b992233753e844f8550615752734dfae', // returns/2021/oc2.csv
  '2f123d8ea435d89190380df911e6e01a7cf64944df685ea17f5b36be2501b6b6', // returns/2021/oc3.csv
  'fa99b16be77e755e9d9811915f5b91ff3fb4a2a100f1a1e63b094a5b77b8ec82', // returns/2021/placed_for_adoption.csv
  '41798b54f2bed4b2e758eb8b014997a830c19378563a55eff30f44dca1450419', // returns/2021/previous_permanence.csv
  '3b4e4cd2343d588e102315cb2f3eb8d080bbcf56d88a6dd23858477cf0a22418', // returns/2021/reviews.csv
  '7197520aebd2d712cc9df763163821bd0e402894700bdf909c0a935aca688fd3', // returns/2021/uasc.csv
  '2f5c333786aefd8f31404baa289350756d60c4a621f114c8a679d9122cde3d3f', // returns/2022/ad1.csv
  'a0cc64186e65fc0e1f9d3dcfc531e2d2baa25294de90146fe997e5b70e0e6565', // returns/2022/episodes.csv
  'e76faed8d63777ed3f7179ebf550f6671c8393ee77b5bc1530d65a0671dafd01', // returns/2022/header.csv
  '4e18358cdfc955e431fd1614fa537dbb5a8cd5e8a750a9a172d3c5be65b9c829', // returns/2022/missing.csv
  '7bd97db9da2a6c58f0119b3a258141d982adaf033fa001edcbcc58461ff0fc7c', // returns/2022/oc2.csv
  '3bd70d432438f535b3b627802bb79869e1fd7f82893c292f699bfd08d3716f7b', // returns/2022/oc3.csv
  '0ed486a60ec817fa6756ef717f09be4b9d34278a84ec5f19f638071e0dd79e95', // returns/2022/placed_for_adoption.csv
  '5a241e45023d98c1dea149d49e8104a180c0e6239710b14ed24081a2e3dfe3ec', // returns/2022/previous_permanence.csv
  '6d0673cb03a6be1ef7425e8304140600643f9645c6895723aa5f681c04871a5a', // returns/2022/reviews.csv
  '9a0aba0aca5ba8259be9c2c8bbe9bdfe55b15aefbd6f10db8a82a40f5a105f13', // returns/2022/uasc.csv
  '8f05a0fd89542c414d1fcfe0e6ec0db4212affd14f49adaba762fed1fe26374f', // returns/2023/ad1.csv
  '006ce0a0aa4f8420142ec12ce009ef5508962337e2a62cd4d0ae0694ded0add5', // returns/2023/episodes.csv
  '6c6f6cb876dbd758e45d974a6169ac612ba46b886abff2f700fcb96ded100b59', // returns/2023/header.csv
  'ca6a7aa087a46ea05ab2aa47e6ef702d63b639909810fd760229e57ab89ad404', // returns/2023/missing.csv
  'b22531161e483053bd655c91d6da82d9c189986fc9092e0fa205b7d06fc7f8ff', // returns/2023/oc2.csv
  'b152b6846b2d6f1374f8b54417d62f32faca1048099ba47fa9fd869a6049234a', // returns/2023/oc3.csv
  '4fca2df6a02f2c3ccf3df744661d66c22c233090061c61962f65901cffc12425', // returns/2023/placed_for_adoption.csv
  '136a0e2bfa830ff45da26892d59ddbb38f1c3105a46c5f1ec2e070e5f133fcd7', // returns/2023/previous_permanence.csv
  '7181139daed8211dbaa8c65a93a66c19e80c798c9b1992babd348611bad998e0', // returns/2023/reviews.csv
  '45addb004eabecf638dec9653c199a1d6e60573ed8b493bb5ebb724398dd5392', // returns/2023/uasc.csv
  'cf1a26ab8900b6baa3735af9e90d3121a104b9536b5f18c15f324b9c09a8712a', // returns/2024/ad1.csv
  'e1cc4a145b76da67aaefeed5c5243167a9c021a22a80596bb4fc4520925000fd', // returns/2024/episodes.csv
  'f4d91cb8fb5b69614cd341ca89fd97051f9b95786395ca7390e3abff55c93a21', // returns/2024/header.csv
  'aff211ad46ee54be13b99656f989dcebaeb198017b84667daf17be6ee99b1f9d', // returns/2024/missing.csv
  'fb1b8be35fcde0724be7e74f1ef424a63d595b3551c1a1f5a5d57095e6e5ba67', // returns/2024/oc2.csv
  '589338783c076bcaf555d669096453d48630910632653b363ca572b3e52ec2e5', // returns/2024/oc3.csv
  '9ce327888cb300887c699508859f3f216a23acf6664f19bc1132b2acc387a91f', // returns/2024/placed_for_adoption.csv
  '3e31eeea95deffd9a29a17f4881ccf1ed695ab0a8d1f3e9c702bb68efca13001', // returns/2024/previous_permanence.csv
  'fbca2ba95aa9410d15168ea764b0c8c3d68e18de627d80c7c8822ff46028c32b', // returns/2024/reviews.csv
  'd91cf63b58b79e0be804f6493352bf28875a76c40568aaa43afb19c781fb5c2e', // returns/2024/sw_episodes.csv
  '37f562ebb6e9cfc79f7abe5093b594eee1300bb4d19e652cb2a9463ca9b34213', // returns/2024/uasc.csv
  '83110a1f9fb95caf12589b14ef57a146597bd447b256babc1a899d8a36163163', // returns-xlsx/2024.xlsx
]);

export const SAMPLE_DATA_TEXT = 'synthetic sample data';

/** True when any of these files (by checksum) is one of the bundled synthetic sample files. */
export function includesSampleData(files: readonly { sha256: string }[]): boolean {
  return files.some((f) => SAMPLE_FILE_SHA256.has(f.sha256));
}
