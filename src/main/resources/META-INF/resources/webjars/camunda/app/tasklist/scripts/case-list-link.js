// giay-di-duong: a link in Tasklist's header to the ward's case list (/ho-so/), in the browser's first language
// as Tasklist itself chooses (Vietnamese or English).
const vietnamese = ((navigator.languages && navigator.languages[0]) || navigator.language || '')
  .toLowerCase().startsWith('vi');

export default {
  id: 'giaydiduong.case-list-link',
  pluginPoint: 'tasklist.navbar.action',
  priority: 200,
  render: (node) => {
    const link = document.createElement('a');
    link.href = '/ho-so/';
    link.className = 'case-list-link';
    link.textContent = vietnamese ? 'Hồ sơ của phường' : 'Ward cases';
    link.title = vietnamese ? 'Mọi hồ sơ của phường: tìm theo tên, số CCCD, số giấy, mã hồ sơ'
      : 'All cases of your ward: search by name, ID number, pass number, reference';
    node.appendChild(link);
  }
};
